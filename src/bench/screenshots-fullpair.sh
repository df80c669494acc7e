#!/usr/bin/env bash
# Screenshots of the full lab pair's topology and service probe on the side cards (`--lab`), under Xvfb:
#   8. healthy: the topology on both cards, the primary's probe green, the secondary not probed (a COLO secondary
#      answers through the primary)  9. the secondary QEMU killed: the recommendation, and the primary's probe red
#      (colo-compare still in its packet path)  10. after "Continue on primary": the survivor's topology (local disk,
#      direct network) and its probe green  11. the confirmation of "Continue on primary": the full pair's steps
# Usage: src/bench/screenshots-fullpair.sh [OUT_DIR]   (default assets/screenshots; needs xvfb, imagemagick, xdotool,
# curl, QEMU). The lab lives in a run dir of this script's own; stops only the console it started (and its lab).
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=src/bench/console-java.sh
. src/bench/console-java.sh "${1:-}"

RUN=$(mktemp -d /tmp/colo-shots.XXXXXX)
mkdir -m 700 "$RUN/runtime"
# journal, profiles, window state and the lab of this run stay beside it, not in the operator's own XDG dirs
export XDG_DATA_HOME="$RUN/data" XDG_CONFIG_HOME="$RUN/config" XDG_RUNTIME_DIR="$RUN/runtime"
trap 'rm -rf "$RUN"' EXIT

cat > "$RUN/drive.sh" <<DRIVE
set -eu
${JAVA[*]} --lab > "$RUN/console.log" 2>&1 &
$PLACE_CONSOLE_WINDOW
for i in \$(seq 1 240); do pgrep -P \$APP -a | grep -q -- "-name primary" && break; sleep 0.5; done
PORT=\$(pgrep -P \$APP -a | grep -- "-name primary " | grep -o 'hostfwd=tcp:127.0.0.1:[0-9]*' | cut -d: -f3)
for i in \$(seq 1 100); do curl -s -m 3 "http://127.0.0.1:\$PORT/cgi-bin/status" | grep -q counter && break; sleep 3; done
sleep 12                                   # the console's next probe (every 10 s) sees it answer
import -window root "$OUT/8-fullpair-healthy.png"
kill -KILL \$(pgrep -P \$APP -a | grep -- "-name secondary" | awk '{print \$1}')
sleep 5
import -window root "$OUT/9-fullpair-secondary-lost.png"
xdotool mousemove 1108 328 click 1; sleep 2        # Continue on primary
import -window root "$OUT/16-fullpair-confirm.png"
$CONFIRM_FAILOVER
sleep 30                                           # tick, Fail over now; the failover's notification hides after 15 s
import -window root "$OUT/10-fullpair-after-continue.png"
DRIVE
xvfb-run -a -s "-screen 0 1280x800x24" bash "$RUN/drive.sh"
echo "Screenshots in $OUT:"; ls -1 "$OUT"
