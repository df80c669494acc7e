# shellcheck shell=bash
# Sourced by the screenshot scripts (from the checkout's top): sets OUT, the first argument or assets/screenshots, and
# JAVA, the command that runs the console from target/, built with `mvn -o -DskipTests package` when nothing is yet.
OUT=${1:-assets/screenshots}
mkdir -p "$OUT"
JAR=$(ls target/colo-console-*.jar 2>/dev/null | head -1 || true)
if [[ -z "$JAR" || ! -d target/modules ]]; then
  mvn -B -q -o -DskipTests package
  JAR=$(ls target/colo-console-*.jar | head -1)
fi
# the plain javafx-*.jar are empty placeholders beside the -linux ones: keep them off the module path
MP="$JAR:$(ls target/modules/*.jar | grep -v -E 'javafx-(base|controls|graphics)-[0-9.]+\.jar$' | tr '\n' ':')"
# shellcheck disable=SC2034 # used by the script that sources this
JAVA=(java --module-path "$MP" --add-exports javafx.base/com.sun.javafx.event=org.controlsfx.controls -m org.coloconsole/org.coloconsole.Main)
# Lines for a drive script (run under xvfb-run) right after it starts the console in the background: stop the console
# when the script ends, wait for its window, and place it at 0,0 in 1280x800. Spliced into an unquoted heredoc as
# $PLACE_CONSOLE_WINDOW, it arrives as written here.
# shellcheck disable=SC2016,SC2034 # expanded by the drive script, not here; used by the script that sources this
PLACE_CONSOLE_WINDOW='APP=$!
trap '"'"'kill $APP 2>/dev/null || true'"'"' EXIT
for i in $(seq 1 80); do xdotool search --name "COLO Console$" >/dev/null 2>&1 && break; sleep 0.25; done
WID=$(xdotool search --name "COLO Console$" | head -1)
xdotool windowmove "$WID" 0 0 windowsize "$WID" 1280 800'
# Lines for a drive script while the "Confirm failover" dialog is up: tick the confirmation and press "Fail over now",
# found from the dialog's own place and size (it grows with the plan's steps; the tick and the buttons keep their
# distance to its bottom, the buttons to its right edge). Spliced as $CONFIRM_FAILOVER, as above.
# shellcheck disable=SC2016,SC2034 # expanded by the drive script, not here; used by the script that sources this
CONFIRM_FAILOVER='DLG=$(xdotool search --name "^Confirm failover$" | head -1)
eval "$(xdotool getwindowgeometry --shell "$DLG")"
xdotool mousemove $((X + 14)) $((Y + HEIGHT - 91)) click 1; sleep 0.5
xdotool mousemove $((X + WIDTH - 202)) $((Y + HEIGHT - 31)) click 1'
