#!/usr/bin/env bash
# Screenshot of the connection dialog's TLS part, under Xvfb: a pair of tls: monitors, the CA and a client certificate
# chosen, the key not yet (its sentence shows beside the field). No QEMU is needed: nothing connects. Needs openssl.
# Usage: src/bench/screenshot-profile.sh [OUT_DIR]   (default assets/screenshots; needs xvfb, imagemagick, xdotool)
# Builds with `mvn -o -DskipTests package` first when nothing is built. Stops only the console it started.
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=src/bench/console-java.sh
. src/bench/console-java.sh "${1:-}"

RUN=$(mktemp -d /tmp/tls.XXXX)   # short: the paths typed below fit their fields
export XDG_DATA_HOME="$RUN/data" XDG_CONFIG_HOME="$RUN/config"
trap 'rm -rf "$RUN"' EXIT
PKI="$RUN"
mkdir -p "$PKI"
# the form reads what the files hold, so they are real: a CA and a client certificate it signed
openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$PKI/ca-key.pem" \
  -out "$PKI/ca-cert.pem" -days 2 -subj /CN=ca -addext basicConstraints=critical,CA:TRUE 2>/dev/null
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$PKI/console-key.pem" \
  -out "$PKI/console.csr" -subj /CN=console 2>/dev/null
openssl x509 -req -in "$PKI/console.csr" -CA "$PKI/ca-cert.pem" -CAkey "$PKI/ca-key.pem" -set_serial 2 -days 2 \
  -out "$PKI/console-cert.pem" 2>/dev/null

cat > "$RUN/drive.sh" <<DRIVE
set -eu
${JAVA[*]} > "$RUN/console.log" 2>&1 &
$PLACE_CONSOLE_WINDOW
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
