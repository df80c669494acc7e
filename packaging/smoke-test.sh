#!/usr/bin/env bash
# Packaging smoke test: builds the .deb, installs it, runs the installed launcher headless (--version, qmp against a
# real QEMU) and with its window (under Xvfb), then removes the package. Any failed step fails the script.
#
#   packaging/smoke-test.sh            build with `mvn -B -Ppackage -DskipTests package`, then test
#   packaging/smoke-test.sh FILE.deb   test an already built package
#
# Runs as root (dpkg). Needs qemu-system-x86_64, xvfb-run and xdotool (.ci/run installs them).
# It kills only the processes it started and removes the package it installed, also when a step fails.
set -euo pipefail

script_dir=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(cd -- "$script_dir/.." && pwd)
name=colo-console
launcher=/opt/$name/bin/$name
title="COLO Console"
gui_seconds=${COLO_SMOKE_GUI_SECONDS:-8}

step() { printf '\n[smoke] == %s\n' "$*" >&2; }
say() { printf '[smoke] %s\n' "$*" >&2; }
fail() { printf '[smoke] FAILED: %s\n' "$*" >&2; exit 1; }
# dpkg -s also knows a removed package whose postrm is kept for a purge ("deinstall ok config-files").
installed() { [[ $(dpkg-query -W -f '${Status}' "$name" 2>/dev/null || true) == "install ok installed" ]]; }

[[ $(id -u) -eq 0 ]] || fail "run as root: it installs and removes the .deb with dpkg."
for tool in dpkg qemu-system-x86_64 xvfb-run xdotool; do
    command -v "$tool" >/dev/null 2>&1 || fail "$tool is missing (.ci/run installs it)."
done

work=$(mktemp -d /tmp/colo-smoke.XXXXXX)
qemu_pid=""
installed_by_us=0
cleanup() {
    local rc=$?
    if [[ -n "$qemu_pid" ]] && kill -0 "$qemu_pid" 2>/dev/null; then
        kill -TERM "$qemu_pid" 2>/dev/null || true
        wait "$qemu_pid" 2>/dev/null || true
    fi
    if [[ $installed_by_us -eq 1 ]] && installed; then
        say "removing the package after a failure"
        dpkg --purge "$name" >/dev/null 2>&1 || true
    fi
    rm -rf "$work"
    exit "$rc"
}
trap cleanup EXIT

# 1. the package
deb=${1:-}
if [[ -z "$deb" ]]; then
    step "build: mvn -B -Ppackage -DskipTests package"
    (cd "$repo_root" && mvn -B -Ppackage -DskipTests package)
    deb=$(ls -t "$repo_root"/target/installer/"$name"_*.deb 2>/dev/null | head -n 1 || true)
    [[ -n "$deb" ]] || fail "the build made no .deb in target/installer."
fi
[[ -f "$deb" ]] || fail "no such package: $deb"
version=$(dpkg-deb -f "$deb" Version)
version=${version%-*}
say "package $deb (version $version, $(du -h "$deb" | cut -f1))"
dpkg-deb -f "$deb" Depends >&2

# 2. install
step "install"
if installed; then
    say "an older $name is installed; removing it first"
    dpkg --purge "$name"
fi
# The postinst runs xdg-desktop-menu, which fails in a bare container without these (a desktop has them).
mkdir -p /etc/xdg/menus /usr/share/desktop-directories
installed_by_us=1
dpkg -i "$deb"
installed || fail "dpkg did not leave $name installed."
[[ -x "$launcher" ]] || fail "the package has no launcher at $launcher."
desktop=$(ls /usr/share/applications/*"$name"*.desktop 2>/dev/null | head -n 1 || true)
[[ -n "$desktop" ]] || fail "no menu entry in /usr/share/applications."
grep -q '^Categories=System;Monitor;' "$desktop" || fail "the menu entry $desktop is not in System;Monitor."
icon=$(sed -n 's/^Icon=//p' "$desktop")
[[ -f "$icon" ]] || fail "the menu entry's icon $icon is missing."
say "menu entry $desktop, icon $icon"

# 3. headless: --version
step "$launcher --version"
out=$("$launcher" --version)
echo "$out"
[[ "$out" == *"$version"* ]] || fail "--version printed '$out', expected the package version $version."

# 4. headless: qmp against a real QEMU
step "$launcher qmp against a real QEMU"
sock="$work/q.sock"
qemu-system-x86_64 -machine none -nodefaults -display none \
    -qmp "unix:$sock,server=on,wait=off" >"$work/qemu.log" 2>&1 &
qemu_pid=$!
for _ in $(seq 1 100); do
    [[ -S "$sock" ]] && break
    kill -0 "$qemu_pid" 2>/dev/null || { cat "$work/qemu.log" >&2; fail "QEMU exited at start."; }
    sleep 0.1
done
[[ -S "$sock" ]] || fail "QEMU made no QMP socket within 10 s."
out=$("$launcher" qmp "unix:$sock" query-status)
echo "$out"
[[ "$out" == *'"status"'* ]] || fail "qmp query-status printed '$out', expected QEMU's status object."
# an error reply is exit 1 with the error class on stderr
set +e
"$launcher" qmp "unix:$sock" no-such-command >"$work/err.out" 2>"$work/err.log"
rc=$?
set -e
cat "$work/err.log" >&2
[[ $rc -eq 1 ]] || fail "qmp with an unknown command exited $rc, expected 1."
grep -q CommandNotFound "$work/err.log" || fail "qmp with an unknown command did not name CommandNotFound."
kill -TERM "$qemu_pid"
wait "$qemu_pid" 2>/dev/null || true
qemu_pid=""

# 5. the window, under Xvfb
step "$launcher under xvfb-run for ${gui_seconds} s"
# Inside xvfb-run: start the launcher, wait for a visible window titled "COLO Console", check the process is still
# alive after gui_seconds, then stop it. Exit 0 only if both held.
set +e
# shellcheck disable=SC2016 # the inner script expands its own positional parameters
xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
    launcher=$1 title=$2 seconds=$3 log=$4
    "$launcher" >"$log" 2>&1 &
    app=$!
    window=""
    for _ in $(seq 1 $((seconds * 10))); do
        kill -0 "$app" 2>/dev/null || break
        if [[ -z "$window" ]]; then
            window=$(xdotool search --onlyvisible --name "^$title" 2>/dev/null | head -n 1)
        fi
        sleep 0.1
    done
    alive=0
    kill -0 "$app" 2>/dev/null && alive=1
    if [[ -n "$window" ]]; then
        echo "window $window: $(xwininfo -id "$window" 2>/dev/null | grep -E "geometry|Map State" | tr -s " " | tr "\n" " ")"
    fi
    kill -TERM "$app" 2>/dev/null
    wait "$app" 2>/dev/null
    [[ $alive -eq 1 ]] || { echo "the console exited within $seconds s"; exit 3; }
    [[ -n "$window" ]] || { echo "no visible window titled \"$title\""; exit 4; }
    exit 0
' gui "$launcher" "$title" "$gui_seconds" "$work/gui.log"
rc=$?
set -e
if [[ $rc -ne 0 ]]; then
    say "the console's output:"
    cat "$work/gui.log" >&2
    fail "the console window check failed (see above)."
fi

# 6. uninstall
step "remove"
dpkg -r "$name"
installed_by_us=0
! installed || fail "dpkg -r left $name installed."
[[ ! -e "$launcher" ]] || fail "dpkg -r left $launcher behind."
[[ ! -e "$desktop" ]] || fail "dpkg -r left the menu entry $desktop behind."
dpkg --purge "$name" >/dev/null

step "packaging smoke test passed"
