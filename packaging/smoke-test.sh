#!/usr/bin/env bash
# Packaging smoke test: builds the .deb, runs lintian on it (no errors allowed; warnings are listed), installs it, checks
# what Debian expects of it (/usr/bin/colo-console, man pages, bash completion, menu entry and hicolor icons), runs the
# installed launchers headless (--version, qmp against a real QEMU) and with its window (under Xvfb), then removes the
# package. Any failed step fails the script.
#
#   packaging/smoke-test.sh            build with `mvn -B -Ppackage -DskipTests package`, then test
#   packaging/smoke-test.sh FILE.deb   test an already built package
#
# Runs as root (dpkg). Needs qemu-system-x86_64, xvfb-run, xdotool, xprop and lintian (.ci/run installs them).
# It kills only the processes it started and removes the package it installed, also when a step fails.
set -euo pipefail

script_dir=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(cd -- "$script_dir/.." && pwd)
name=colo-console
launcher=/opt/$name/bin/$name
# what a shell finds on PATH: a link to the image's bin/colo-console-cli
command_line=/usr/bin/$name
title="COLO Console"
gui_seconds=${COLO_SMOKE_GUI_SECONDS:-8}

step() { printf '\n[smoke] == %s\n' "$*" >&2; }
say() { printf '[smoke] %s\n' "$*" >&2; }
fail() { printf '[smoke] FAILED: %s\n' "$*" >&2; exit 1; }
# dpkg -s also knows a removed package whose postrm is kept for a purge ("deinstall ok config-files").
installed() { [[ $(dpkg-query -W -f '${Status}' "$name" 2>/dev/null || true) == "install ok installed" ]]; }

[[ $(id -u) -eq 0 ]] || fail "run as root: it installs and removes the .deb with dpkg."
for tool in dpkg qemu-system-x86_64 xvfb-run xdotool xprop lintian; do
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
recommends=$(dpkg-deb -f "$deb" Recommends)
[[ "$recommends" == *qemu-system-x86* ]] || fail "the package does not recommend qemu-system-x86 (Recommends: $recommends)."
[[ "$recommends" == *qemu-utils* ]] || fail "the package does not recommend qemu-utils, which the lab's disks need (Recommends: $recommends)."
[[ "$recommends" == *libnotify-bin* ]] || fail "the package does not recommend libnotify-bin (Recommends: $recommends)."

# 2. lintian: errors fail, warnings are listed (packaging/linux/debian/lintian-overrides says why each override is there)
step "lintian"
set +e
lintian --fail-on error --tag-display-limit 0 "$deb" >"$work/lintian.log" 2>&1
rc=$?
set -e
grep -v 'running with root privileges' "$work/lintian.log" >&2 || true
say "lintian: $(grep -c '^E: ' "$work/lintian.log" || true) errors, $(grep -c '^W: ' "$work/lintian.log" || true) warnings"
[[ $rc -eq 0 ]] || fail "lintian found errors (exit $rc)."

# 3. install
step "install"
if installed; then
    say "an older $name is installed; removing it first"
    dpkg --purge "$name"
fi
installed_by_us=1
dpkg -i "$deb"
installed || fail "dpkg did not leave $name installed."
[[ -x "$launcher" ]] || fail "the package has no launcher at $launcher."
[[ -L "$command_line" && -x "$command_line" ]] || fail "$command_line is not a link to a launcher."
say "$command_line -> $(readlink "$command_line")"
desktop=/usr/share/applications/$name.desktop
[[ -f "$desktop" ]] || fail "no menu entry $desktop."
grep -q '^Categories=System;Monitor;' "$desktop" || fail "the menu entry $desktop is not in System;Monitor."
icon=$(sed -n 's/^Icon=//p' "$desktop")
for size in 16 32 48 64 128 256 512; do
    [[ -f /usr/share/icons/hicolor/${size}x${size}/apps/$icon.png ]] || fail "no ${size}x${size} hicolor icon $icon.png."
done
[[ -f /usr/share/icons/hicolor/scalable/apps/$icon.svg ]] || fail "no scalable hicolor icon $icon.svg."
wm_class=$(sed -n 's/^StartupWMClass=//p' "$desktop")
[[ -n "$wm_class" ]] || fail "the menu entry $desktop has no StartupWMClass."
say "menu entry $desktop, icon $icon in hicolor, StartupWMClass $wm_class"
for page in "$name" "$name-qmp" "$name-status"; do
    [[ -f /usr/share/man/man1/$page.1.gz ]] || fail "no man page /usr/share/man/man1/$page.1.gz."
    if command -v man >/dev/null 2>&1; then
        man -w "$page" >/dev/null || fail "man -w $page finds no page."
    fi
done
# Help ▸ Operator guide opens it (ui/OperatorGuide.java)
[[ -f /usr/share/doc/$name/operator-guide.md ]] || fail "no operator guide /usr/share/doc/$name/operator-guide.md."
completion=/usr/share/bash-completion/completions/$name
[[ -f "$completion" ]] || fail "no bash completion $completion."
bash -c 'source "$1" && complete -p "$2"' completion "$completion" "$name" >/dev/null \
    || fail "sourcing $completion defines no completion for $name."
say "man pages and bash completion present"

# 4. headless: --version, by both launchers; -Xshare:on makes a start fail if the AppCDS archive cannot be used
for each in "$launcher" "$name"; do
    step "$each --version"
    out=$("$each" --version)
    echo "$out"
    [[ "$out" == *"$version"* ]] || fail "$each --version printed '$out', expected the package version $version."
done
# the window's archive (the native launcher) and the command line's own (bin/NAME-cli, /usr/bin/NAME)
if [[ -f /opt/$name/lib/app/$name.jsa ]]; then
    JAVA_TOOL_OPTIONS=-Xshare:on "$launcher" --version >/dev/null 2>"$work/cds.log" \
        || { cat "$work/cds.log" >&2; fail "the installed AppCDS archive does not map (-Xshare:on)."; }
    say "the AppCDS archive maps"
fi
if [[ -f /opt/$name/lib/app/$name-cli.jsa ]]; then
    grep -q -- "archive=$name-cli.jsa" "/opt/$name/bin/$name-cli" \
        || fail "/opt/$name/bin/$name-cli does not use the command line's archive $name-cli.jsa."
    JAVA_TOOL_OPTIONS=-Xshare:on "$name" --version >/dev/null 2>"$work/cds-cli.log" \
        || { cat "$work/cds-cli.log" >&2; fail "the command line's AppCDS archive does not map (-Xshare:on)."; }
    say "the command line's AppCDS archive maps"
fi

# 5. headless: qmp against a real QEMU, through PATH as a script would call it
step "$name qmp against a real QEMU"
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
out=$("$name" qmp "unix:$sock" query-status)
echo "$out"
[[ "$out" == *'"status"'* ]] || fail "qmp query-status printed '$out', expected QEMU's status object."
# an error reply is exit 1 with the error class on stderr
set +e
"$name" qmp "unix:$sock" no-such-command >"$work/err.out" 2>"$work/err.log"
rc=$?
set -e
cat "$work/err.log" >&2
[[ $rc -eq 1 ]] || fail "qmp with an unknown command exited $rc, expected 1."
grep -q CommandNotFound "$work/err.log" || fail "qmp with an unknown command did not name CommandNotFound."
kill -TERM "$qemu_pid"
wait "$qemu_pid" 2>/dev/null || true
qemu_pid=""

# 6. the window, under Xvfb; its WM_CLASS must be the menu entry's StartupWMClass, or docks show a second icon
step "$launcher under xvfb-run for ${gui_seconds} s"
# Inside xvfb-run: start the launcher, wait for a visible window titled "COLO Console", check the process is still
# alive after gui_seconds, then stop it. Exit 0 only if both held.
set +e
# shellcheck disable=SC2016 # the inner script expands its own positional parameters
xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
    launcher=$1 title=$2 seconds=$3 log=$4 wm_class=$5
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
    class=""
    if [[ -n "$window" ]]; then
        echo "window $window: $(xwininfo -id "$window" 2>/dev/null | grep -E "geometry|Map State" | tr -s " " | tr "\n" " ")"
        class=$(xprop -id "$window" WM_CLASS 2>/dev/null)
        echo "$class"
    fi
    kill -TERM "$app" 2>/dev/null
    wait "$app" 2>/dev/null
    [[ $alive -eq 1 ]] || { echo "the console exited within $seconds s"; exit 3; }
    [[ -n "$window" ]] || { echo "no visible window titled \"$title\""; exit 4; }
    [[ "$class" == *"\"$wm_class\""* ]] || { echo "WM_CLASS is not the menu entry'"'"'s StartupWMClass $wm_class"; exit 5; }
    exit 0
' gui "$launcher" "$title" "$gui_seconds" "$work/gui.log" "$wm_class"
rc=$?
set -e
if [[ $rc -ne 0 ]]; then
    say "the console's output:"
    cat "$work/gui.log" >&2
    fail "the console window check failed (see above)."
fi

# 7. uninstall
step "remove"
dpkg -r "$name"
installed_by_us=0
! installed || fail "dpkg -r left $name installed."
[[ ! -e "$launcher" ]] || fail "dpkg -r left $launcher behind."
[[ ! -e "$desktop" ]] || fail "dpkg -r left the menu entry $desktop behind."
[[ ! -e "$command_line" && ! -L "$command_line" ]] || fail "dpkg -r left $command_line behind."
dpkg --purge "$name" >/dev/null

step "packaging smoke test passed"
