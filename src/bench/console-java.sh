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
