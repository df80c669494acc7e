#!/usr/bin/env bash
# Screenshot of the connection dialog's TLS part, under Xvfb: a pair of tls: monitors, the CA and a client certificate
# chosen, the key not yet (its sentence shows beside the field). No QEMU is needed: nothing connects.
# Usage: src/bench/screenshot-profile.sh [OUT_DIR]   (default assets/screenshots; needs xvfb, imagemagick, xdotool)
# Builds with `mvn -o -DskipTests package` first when nothing is built. Stops only the console it started.
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=${1:-assets/screenshots}
mkdir -p "$OUT"
JAR=$(ls target/colo-console-*.jar 2>/dev/null | head -1 || true)
if [[ -z "$JAR" || ! -d target/modules ]]; then
  mvn -B -q -o -DskipTests package
  JAR=$(ls target/colo-console-*.jar | head -1)
fi
MP="$JAR:$(ls target/modules/*.jar | grep -v -E 'javafx-(base|controls|graphics)-[0-9.]+\.jar$' | tr '\n' ':')"
JAVA=(java --module-path "$MP" --add-exports javafx.base/com.sun.javafx.event=org.controlsfx.controls -m org.coloconsole/org.coloconsole.Main)

RUN=$(mktemp -d /tmp/tls.XXXX)   # short: the paths typed below fit their fields
export XDG_DATA_HOME="$RUN/data" XDG_CONFIG_HOME="$RUN/config"
trap 'rm -rf "$RUN"' EXIT
PKI="$RUN"
mkdir -p "$PKI"
# the form only checks that the files are there and readable; what they hold is checked when connecting
printf -- '-----BEGIN CERTIFICATE-----\n' > "$PKI/ca-cert.pem"
printf -- '-----BEGIN CERTIFICATE-----\n' > "$PKI/console-cert.pem"

cat > "$RUN/drive.sh" <<DRIVE
set -eu
${JAVA[*]} > "$RUN/console.log" 2>&1 &
APP=\$!
trap 'kill \$APP 2>/dev/null || true' EXIT
for i in \$(seq 1 80); do xdotool search --name "^COLO Console\$" >/dev/null 2>&1 && break; sleep 0.25; done
WID=\$(xdotool search --name "^COLO Console\$" | head -1)
xdotool windowmove "\$WID" 0 0 windowsize "\$WID" 1280 800
sleep 4                                   # the window is mapped before its toolbar answers clicks
for i in \$(seq 1 10); do
  # the toolbar's "Connect…": JavaFX takes a click only after the pointer has entered the button
  xdotool mousemove \${CONNECT_X:-978} \$((\${CONNECT_Y:-24} + i % 2)); sleep 0.3; xdotool click 1
  sleep 1
  xdotool search --name "^Connect to a COLO pair\$" >/dev/null 2>&1 && break
done
sleep 1
xdotool type --delay 5 "rack-3 web"
xdotool key Tab; xdotool type --delay 5 "tls:10.0.0.1:4444"
xdotool key Tab; xdotool type --delay 5 "tls:10.0.0.2:4444"
xdotool key Tab Tab Tab Tab; xdotool type --delay 5 "$PKI/ca-cert.pem"
xdotool key Tab Tab; xdotool type --delay 5 "$PKI/console-cert.pem"
sleep 1
import -window root "$OUT/profile-tls.png"
DRIVE
xvfb-run -a -s "-screen 0 1280x800x24" bash "$RUN/drive.sh"
cat "$RUN/console.log" >&2 || true
echo "Screenshot in $OUT/profile-tls.png"
