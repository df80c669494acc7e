#!/usr/bin/env bash
# Trains an AppCDS archive for a jpackage app-image and tells its launcher to use it.
#
#   packaging/train-appcds.sh IMAGE_DIR NAME
#
# Training runs of the image's launcher list every class they load (-XX:DumpLoadedClassList): a GUI start under Xvfb
# when xvfb-run exists (JavaFX is most of a window's classes), `--version`, and, when qemu-system-x86_64 exists,
# `qmp … query-status` and `status` against QEMUs started here (the one-shot paths scripts call). One static archive
# is then dumped from the union of those lists into IMAGE/lib/app/NAME.jsa (-Xshare:dump). Why static, not a dynamic
# archive on top of the runtime's (-XX:ArchiveClassesAtExit): a dynamic archive records one run only, and JDK 17 leaves
# class files older than Java 6 out of it (picocli's are Java 5), so every CLI start parsed picocli afresh; the static
# dump takes several runs and archives those classes too (docs/packaging.md has the figures). The archive replaces the
# runtime's default one (it holds the JDK classes the runs used). A second archive, IMAGE/lib/app/NAME-cli.jsa, holds
# the one-shot runs' classes only, for bin/NAME-cli: a smaller archive maps faster at every start.
# Only when the archive was written is the launcher's .cfg told to use it; with -Xshare:auto a JVM that cannot map it
# starts without it.
set -euo pipefail

image=${1:?usage: train-appcds.sh IMAGE_DIR NAME}
name=${2:?usage: train-appcds.sh IMAGE_DIR NAME}
launcher="$image/bin/$name"
cfg="$image/lib/app/$name.cfg"
archive="$image/lib/app/$name.jsa"
cli_archive="$image/lib/app/$name-cli.jsa"
train_seconds=${COLO_APPCDS_TRAIN_SECONDS:-8}

say() { printf '[train-appcds] %s\n' "$*" >&2; }

[[ -x "$launcher" && -f "$cfg" ]] || { say "No launcher at $launcher: build the app-image first."; exit 1; }
rm -f "$archive" "$cli_archive"
work=$(mktemp -d)
qemu_pids=()
cleanup() {
    for pid in ${qemu_pids[@]+"${qemu_pids[@]}"}; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in ${qemu_pids[@]+"${qemu_pids[@]}"}; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

# The training runs must not touch the builder's own settings, profiles or journal: give them an empty home.
# (Java takes user.home from the password database, not from $HOME, hence the property as well.)
home="$work/home"
mkdir -p "$home"
export HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_DATA_HOME="$home/.local/share" XDG_STATE_HOME="$home/.local/state"
runs=0
# JAVA_TOOL_OPTIONS reaches the JVM that the native jpackage launcher creates in its own process.
list_of() { export JAVA_TOOL_OPTIONS="-XX:DumpLoadedClassList=$work/$1.classlist -Duser.home=$home"; runs=$((runs + 1)); }

if command -v xvfb-run >/dev/null 2>&1; then
    say "training run: a GUI start under Xvfb (${train_seconds} s after its window shows)"
    list_of gui
    # The JVM writes the list as it loads; SIGTERM ends the window through its shutdown path. On a loaded build
    # machine the window can take longer than a fixed wait to show (the list then lacks most of JavaFX): with xdotool,
    # the run waits up to 120 s for it, then train_seconds more; without, train_seconds in all.
    # shellcheck disable=SC2016 # the inner script expands its own positional parameters
    xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
        "$1" >"$2" 2>&1 &
        app=$!
        if command -v xdotool >/dev/null 2>&1; then
            for _ in $(seq 1 240); do
                kill -0 "$app" 2>/dev/null || break
                xdotool search --onlyvisible --name "^COLO Console" >/dev/null 2>&1 && break
                sleep 0.5
            done
        fi
        for _ in $(seq 1 "$3"); do
            kill -0 "$app" 2>/dev/null || break
            sleep 1
        done
        kill -TERM "$app" 2>/dev/null || true
        wait "$app" || true
    ' train "$launcher" "$work/gui.log" "$train_seconds" || true
else
    say "no xvfb-run here: the archive holds the command line's classes only"
fi

say "training run: --version"
list_of version
"$launcher" --version >"$work/version.log" 2>&1 || true

if command -v qemu-system-x86_64 >/dev/null 2>&1; then
    for side in p s; do
        qemu-system-x86_64 -machine none -nodefaults -display none \
            -qmp "unix:$work/$side.sock,server=on,wait=off" >"$work/qemu-$side.log" 2>&1 &
        qemu_pids+=($!)
    done
    for _ in $(seq 1 100); do [[ -S "$work/p.sock" && -S "$work/s.sock" ]] && break; sleep 0.1; done
    say "training runs: qmp query-status and status against two QEMUs"
    list_of qmp
    "$launcher" qmp "unix:$work/p.sock" query-status >"$work/qmp.log" 2>&1 || true
    list_of status
    "$launcher" status --primary "unix:$work/p.sock" --secondary "unix:$work/s.sock" >"$work/status.log" 2>&1 || true
else
    say "no qemu-system-x86_64 here: the archive leaves out the QMP client's classes"
fi
unset JAVA_TOOL_OPTIONS

# One list from the given runs' lists, each class once, in first-loaded order. Classes generated at run time (proxies,
# lambda forms' hidden classes) cannot be found by name at dump time: leave them out rather than have the dump warn
# about each.
merge_lists() {
    local out=$1 each
    shift
    for each in "$@"; do [[ -f "$work/$each.classlist" ]] && cat "$work/$each.classlist"; done \
        | grep -v -E '^#|^(jdk/proxy|com/sun/proxy)|\$\$Lambda' | awk '!seen[$0]++' >"$work/$out.classlist" || true
}

# Dumps the classes of list $1 into archive $2. -Xshare:dump exits after writing it; the launcher's .cfg options
# (module, flags) apply as in a real start, and the .cfg names no archive yet.
dump() {
    JAVA_TOOL_OPTIONS="-Xshare:dump -XX:SharedClassListFile=$work/$1.classlist -XX:SharedArchiveFile=$2 -Duser.home=$home" \
        "$launcher" >"$work/dump-$1.log" 2>&1 || true
}

merge_lists all gui version qmp status
if [[ ! -s "$work/all.classlist" ]]; then
    say "The training runs listed no classes; the image starts without AppCDS."
    cat "$work"/*.log >&2 || true
    exit 0
fi
say "dumping $(wc -l <"$work/all.classlist") classes from $runs runs"
dump all "$archive"
if [[ ! -s "$archive" ]]; then
    say "The dump wrote no archive; the image starts without AppCDS. Its output:"
    cat "$work/dump-all.log" >&2
    exit 0
fi

# The command line's own archive, for bin/NAME-cli (build-installer.sh): the one-shot runs' classes only. A JVM maps
# and relocates its whole archive at every start, so the window's JavaFX classes cost each CLI call about 45 ms
# (docs/packaging.md has the figures). Without a GUI run the first archive is already the command line's alone.
if [[ -f "$work/gui.classlist" ]]; then
    merge_lists cli version qmp status
    rm -f "$cli_archive"
    dump cli "$cli_archive"
    if [[ -s "$cli_archive" ]]; then
        say "command-line archive: $(wc -l <"$work/cli.classlist") classes, $(du -h "$cli_archive" | cut -f1)"
    else
        say "The command line's dump wrote no archive; bin/$name-cli uses the window's. Its output:"
        cat "$work/dump-cli.log" >&2
    fi
fi

# After [JavaOptions]: the archive path is relative to the image so it moves with it (/opt/NAME after install).
# shellcheck disable=SC2016 # $APPDIR is for the jpackage launcher to expand, not this shell
sed -i '/^\[JavaOptions\]/a java-options=-XX:SharedArchiveFile=$APPDIR/'"$name"'.jsa\njava-options=-Xshare:auto' "$cfg"
say "archive $(du -h "$archive" | cut -f1) written; $cfg now uses it"
