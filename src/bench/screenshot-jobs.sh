#!/usr/bin/env bash
# Screenshot of the jobs pane on a real local lab pair, under Xvfb: three block jobs on the primary (a mirror that is
# ready and then paused from the pane's own button, a throttled mirror still copying, a mirror whose target fails).
# Usage: src/bench/screenshot-jobs.sh [OUT_DIR]   (default assets/screenshots; needs xvfb, imagemagick, xdotool, QEMU)
# Builds with `mvn -o -DskipTests package` first when nothing is built. Stops only the lab and the console it started.
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=src/bench/console-java.sh
. src/bench/console-java.sh "${1:-}"

RUN=$(mktemp -d /tmp/colo-jobshot.XXXXXX)
rmdir "$RUN"   # the lab makes its own private run dir
IMG="$RUN-img"
mkdir -p "$IMG"
export XDG_DATA_HOME="$RUN-data" XDG_CONFIG_HOME="$RUN-config"
cleanup() { "${JAVA[@]}" lab stop --run-dir="$RUN" >/dev/null 2>&1 || true; rm -rf "$IMG" "$RUN-data" "$RUN-config"; }
trap cleanup EXIT
"${JAVA[@]}" lab start --run-dir="$RUN"
HARNESS="unix:$RUN/primary-harness.sock"
# --force: the qmp command refuses disk and run-state changes without it (they are this script's setup, on the
# harness monitor, not an operator's action on a pair)
qmp() { "${JAVA[@]}" qmp "$HARNESS" "$@" --force >/dev/null; }

# images: random data (zeroes would be copied at once), empty targets
head -c $((8 * 1024 * 1024)) /dev/urandom > "$IMG/src.raw"
qemu-img convert -q -f raw -O qcow2 "$IMG/src.raw" "$IMG/src.qcow2"
cp "$IMG/src.qcow2" "$IMG/src2.qcow2"   # a source serves one job at a time
head -c $((64 * 1024 * 1024)) /dev/urandom > "$IMG/big.raw"
qemu-img convert -q -f raw -O qcow2 "$IMG/big.raw" "$IMG/big.qcow2"
# a mirror's target must have its source's size
for t in dst bad; do qemu-img create -q -f qcow2 "$IMG/$t.qcow2" 8M; done
qemu-img create -q -f qcow2 "$IMG/bigdst.qcow2" 64M
attach() { qmp blockdev-add "{\"driver\":\"qcow2\",\"node-name\":\"$1\",\"file\":{\"driver\":\"file\",\"filename\":\"$IMG/$2\"}}"; }
attach src src.qcow2
attach src2 src2.qcow2
attach dst dst.qcow2
attach big big.qcow2
attach bigdst bigdst.qcow2
qmp blockdev-add "{\"driver\":\"qcow2\",\"node-name\":\"bad\",\"file\":{\"driver\":\"blkdebug\",\"image\":{\"driver\":\"file\",\"filename\":\"$IMG/bad.qcow2\"},\"inject-error\":[{\"event\":\"write_aio\",\"errno\":5}]}}"

cat > "$RUN/drive.sh" <<DRIVE
set -eu
${JAVA[*]} --primary "unix:$RUN/primary-console.sock" --secondary "unix:$RUN/secondary-console.sock" \
    > "$RUN/console.log" 2>&1 &
$PLACE_CONSOLE_WINDOW
sleep 4
${JAVA[*]} qmp "$HARNESS" blockdev-mirror '{"job-id":"m0","device":"src","target":"dst","sync":"full"}' --force >/dev/null
${JAVA[*]} qmp "$HARNESS" blockdev-mirror '{"job-id":"copy-big","device":"big","target":"bigdst","sync":"full","speed":1048576,"buf-size":262144}' --force >/dev/null
${JAVA[*]} qmp "$HARNESS" blockdev-mirror '{"job-id":"bad0","device":"src2","target":"bad","sync":"full","auto-dismiss":false}' --force >/dev/null
xdotool mousemove \${JOBS_TAB_X:-134} \${JOBS_TAB_Y:-533} click 1         # the "Jobs" tab beside the event log
sleep 2
xdotool mousemove \${PAUSE_X:-713} \${PAUSE_Y:-715} click 1                # Pause on m0's row (the last)
sleep \${SETTLE:-4}
import -window root "$OUT/5-jobs.png"
DRIVE
xvfb-run -a -s "-screen 0 1280x800x24" bash "$RUN/drive.sh"
echo "Screenshot: $OUT/5-jobs.png"
