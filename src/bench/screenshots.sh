#!/usr/bin/env bash
# Screenshots of the console on a real local lab pair, under Xvfb:
#   1. healthy pair   2. after the primary QEMU is killed (with the recommendation)   3. after promoting the secondary
# Usage: src/bench/screenshots.sh [OUT_DIR]   (default assets/screenshots; needs xvfb, imagemagick, xdotool, QEMU)
# Builds with `mvn -o -DskipTests package` first when nothing is built. Stops only the lab and the console it started.
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=src/bench/console-java.sh
. src/bench/console-java.sh "${1:-}"

RUN=$(mktemp -d /tmp/colo-shots.XXXXXX)
rmdir "$RUN"   # the lab makes its own private run dir
# journal and profiles of this run stay beside it, not in the operator's own XDG dirs
export XDG_DATA_HOME="$RUN-data" XDG_CONFIG_HOME="$RUN-config"
cleanup() { "${JAVA[@]}" lab stop --run-dir="$RUN" >/dev/null 2>&1 || true; rm -rf "$RUN-data" "$RUN-config"; }
trap cleanup EXIT
"${JAVA[@]}" lab start --run-dir="$RUN"
PRIMARY_PID=$(sed -n 's/^primary\.pid=//p' "$RUN/lab.state")
[[ -n "$PRIMARY_PID" ]] || { echo "the lab state file has no primary pid" >&2; exit 1; }

cat > "$RUN/drive.sh" <<DRIVE
set -eu
${JAVA[*]} --primary "unix:$RUN/primary-console.sock" --secondary "unix:$RUN/secondary-console.sock" \
    > "$RUN/console.log" 2>&1 &
$PLACE_CONSOLE_WINDOW
sleep 6                                   # a few checkpoints (every 2 s) into the log and the sparklines
import -window root "$OUT/1-healthy.png"
kill -KILL $PRIMARY_PID
sleep 3
import -window root "$OUT/2-primary-killed.png"
xdotool mousemove \${PROMOTE_X:-1108} \${PROMOTE_Y:-258} click 1      # "Promote secondary"
sleep 1.5
import -window root "$OUT/3-confirm.png"
xdotool mousemove \${AGREE_X:-288} \${AGREE_Y:-519} click 1              # the explicit confirmation tick
sleep 0.5
xdotool mousemove \${CONFIRM_X:-673} \${CONFIRM_Y:-579} click 1          # "Fail over now"
sleep 5
import -window root "$OUT/4-after-failover.png"
DRIVE
xvfb-run -a -s "-screen 0 1280x800x24" bash "$RUN/drive.sh"
echo "Screenshots in $OUT:"; ls -1 "$OUT"
