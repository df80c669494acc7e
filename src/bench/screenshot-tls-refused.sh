#!/usr/bin/env bash
# Screenshot of the side cards when connecting fails, under Xvfb: the primary is a real QEMU whose TLS monitor has a
# server certificate from another CA (the console refuses the handshake), the secondary a loopback port nobody listens
# on. Each card says why under Connection. No COLO pair is needed. The alerts go to Debian's dunst on a session bus
# of the script's own, as in screenshots.sh.
# Usage: src/bench/screenshot-tls-refused.sh [OUT_DIR]   (default assets/screenshots; needs xvfb, imagemagick, xdotool,
# openssl, qemu-system-x86_64). Builds with `mvn -o -DskipTests package` first when nothing is built. Stops only the
# QEMU and the console it started.
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=src/bench/console-java.sh
. src/bench/console-java.sh "${1:-}"

RUN=$(mktemp -d /tmp/tlsref.XXXX)
export XDG_DATA_HOME="$RUN/data" XDG_CONFIG_HOME="$RUN/config"
QEMU_PID=""
cleanup() { [[ -n "$QEMU_PID" ]] && kill "$QEMU_PID" 2>/dev/null || true; rm -rf "$RUN"; }
trap cleanup EXIT

ca() {  # NAME: a self-signed CA
  openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$RUN/$1-key.pem" \
    -out "$RUN/$1-cert.pem" -days 2 -subj "/CN=$1" -addext basicConstraints=critical,CA:TRUE 2>/dev/null
}
ca trusted          # the CA the console is given
ca other            # the CA that really signed QEMU's certificate
mkdir -p "$RUN/qemu"
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$RUN/qemu/server-key.pem" \
  -out "$RUN/server.csr" -subj /CN=qemu 2>/dev/null
printf 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' > "$RUN/server.ext"
openssl x509 -req -in "$RUN/server.csr" -CA "$RUN/other-cert.pem" -CAkey "$RUN/other-key.pem" -set_serial 7 \
  -days 2 -extfile "$RUN/server.ext" -out "$RUN/qemu/server-cert.pem" 2>/dev/null
cp "$RUN/other-cert.pem" "$RUN/qemu/ca-cert.pem"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
TLS_PORT=$(free_port)
CLOSED_PORT=$(free_port)
qemu-system-x86_64 -machine none -nodefaults -display none \
  -object tls-creds-x509,id=tls0,dir="$RUN/qemu",endpoint=server,verify-peer=off \
  -chardev socket,id=mon,host=127.0.0.1,port="$TLS_PORT",server=on,wait=off,tls-creds=tls0 \
  -mon chardev=mon,mode=control > "$RUN/qemu.log" 2>&1 &
QEMU_PID=$!
sleep 1

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
trap 'kill \$DUNST 2>/dev/null || true' EXIT
${JAVA[*]} --primary tls:127.0.0.1:$TLS_PORT --secondary tcp:127.0.0.1:$CLOSED_PORT --tls-ca $RUN/trusted-cert.pem \
  > "$RUN/console.log" 2>&1 &
$PLACE_CONSOLE_WINDOW
sleep 6
import -window root "$OUT/tls-refused.png"
DRIVE
xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- bash "$RUN/drive.sh"
cat "$RUN/console.log" >&2 || true
echo "Screenshot in $OUT/tls-refused.png"
