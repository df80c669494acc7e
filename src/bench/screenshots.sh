#!/usr/bin/env bash
# Screenshots of the console on a real local lab pair (`--lab`: the full pair with its guest), under Xvfb with a
# session bus and Debian's dunst drawing the desktop notifications:
#   1. healthy with figures  2. the primary QEMU killed (banner and notifications)  3. the confirmation with names
#   4. after promoting the secondary  6. the Pair menu  7. Help ▸ About
# Usage: src/bench/screenshots.sh [OUT_DIR]   (default assets/screenshots; needs xvfb, imagemagick, xdotool, dbus,
# dunst, libnotify-bin, QEMU). Builds with `mvn -o -DskipTests package` first when nothing is built. Stops only the
# console it started (and with it its lab) and the dunst it started.
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=src/bench/console-java.sh
. src/bench/console-java.sh "${1:-}"

RUN=$(mktemp -d /tmp/colo-shots.XXXXXX)
# journal, profiles and window state of this run stay beside it, not in the operator's own XDG dirs
export XDG_DATA_HOME="$RUN/data" XDG_CONFIG_HOME="$RUN/config"
trap 'rm -rf "$RUN"' EXIT
cat > "$RUN/dunstrc" <<'DUNST'
[global]
    monitor = 0
    follow = none
    width = 420
    origin = bottom-right
    offset = 16x48
    font = DejaVu Sans 11
    frame_width = 2
[urgency_critical]
    background = "#82071e"
    foreground = "#ffffff"
    frame_color = "#ffd7d5"
    timeout = 0
DUNST

cat > "$RUN/drive.sh" <<DRIVE
set -eu
dunst -config "$RUN/dunstrc" > "$RUN/dunst.log" 2>&1 &
DUNST=\$!
${JAVA[*]} --lab > "$RUN/console.log" 2>&1 &
$PLACE_CONSOLE_WINDOW
trap 'kill \$APP \$DUNST 2>/dev/null || true' EXIT
for i in \$(seq 1 240); do pgrep -P \$APP -a | grep -q -- "-name primary" && break; sleep 0.5; done
sleep 40                                  # COLO checkpoints, the figures fill and the guest boots (TCG)
import -window root "$OUT/1-healthy.png"
kill -KILL \$(pgrep -P \$APP -a | grep -- "-name primary" | awk '{print \$1}')
sleep 4
import -window root "$OUT/2-primary-killed.png"
xdotool mousemove 323 26 click 1; sleep 0.8        # the Pair menu
import -window root "$OUT/6-pair-menu.png"
xdotool mousemove 380 58 click 1; sleep 1.5        # Promote the secondary…
import -window root "$OUT/3-confirm.png"
$CONFIRM_FAILOVER
# the explicit confirmation tick and Fail over now: wait for the runbook's outcome in the journal (TCG under load
# takes from 3 to 20 s), then for its pop-up to slide in
for i in \$(seq 1 120); do grep -rqs '"kind":"action_outcome"' "$RUN/data" && break; sleep 0.5; done
sleep 2
import -window root "$OUT/4-after-failover.png"
xdotool mousemove 379 26 click 1; sleep 0.8        # Help
xdotool mousemove 440 131 click 1; sleep 1.5       # About COLO Console (after Operator guide, Keyboard shortcuts)
import -window root "$OUT/7-about.png"
xdotool key Escape
DRIVE
xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- bash "$RUN/drive.sh"
echo "Screenshots in $OUT:"; ls -1 "$OUT"
