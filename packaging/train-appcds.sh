#!/usr/bin/env bash
# Trains an AppCDS archive for a jpackage app-image and tells its launcher to use it.
#
#   packaging/train-appcds.sh IMAGE_DIR NAME
#
# One training run of the installed launcher records every class it loads into IMAGE/lib/app/NAME.jsa
# (-XX:ArchiveClassesAtExit, a dynamic archive on top of the runtime's base archive, which jlink's
# --generate-cds-archive made). Later starts map those classes instead of parsing and verifying them again.
# The run opens the console window under Xvfb when xvfb-run exists (JavaFX start-up is most of the class loading),
# else it runs `--version`. Only when the archive was written is the launcher's .cfg told to use it; with
# -Xshare:auto a JVM that cannot map it starts without it.
set -euo pipefail

image=${1:?usage: train-appcds.sh IMAGE_DIR NAME}
name=${2:?usage: train-appcds.sh IMAGE_DIR NAME}
launcher="$image/bin/$name"
cfg="$image/lib/app/$name.cfg"
archive="$image/lib/app/$name.jsa"
train_seconds=${COLO_APPCDS_TRAIN_SECONDS:-8}

say() { printf '[train-appcds] %s\n' "$*" >&2; }

[[ -x "$launcher" && -f "$cfg" ]] || { say "No launcher at $launcher: build the app-image first."; exit 1; }
rm -f "$archive"
log=$(mktemp)
# The training run must not touch the builder's own settings, profiles or journal: give it an empty home.
home=$(mktemp -d)
trap 'rm -rf "$log" "$home"' EXIT

# JAVA_TOOL_OPTIONS reaches the JVM that the native jpackage launcher creates in its own process.
# (Java takes user.home from the password database, not from $HOME, hence the property as well.)
export JAVA_TOOL_OPTIONS="-XX:ArchiveClassesAtExit=$archive -Duser.home=$home"
export HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_DATA_HOME="$home/.local/share" XDG_STATE_HOME="$home/.local/state"
if command -v xvfb-run >/dev/null 2>&1; then
    say "training on a GUI start under Xvfb (${train_seconds} s)"
    # The JVM writes the archive when it exits, also on SIGTERM (the shutdown path runs), not on SIGKILL.
    # shellcheck disable=SC2016 # the inner script expands its own positional parameters
    xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
        "$1" >"$2" 2>&1 &
        app=$!
        for _ in $(seq 1 "$3"); do
            kill -0 "$app" 2>/dev/null || break
            sleep 1
        done
        kill -TERM "$app" 2>/dev/null || true
        wait "$app" || true
    ' train "$launcher" "$log" "$train_seconds" || true
else
    say "training on --version (no xvfb-run here)"
    "$launcher" --version >"$log" 2>&1 || true
fi
unset JAVA_TOOL_OPTIONS XDG_CONFIG_HOME XDG_DATA_HOME XDG_STATE_HOME

if [[ ! -s "$archive" ]]; then
    say "The training run wrote no archive; the image starts without AppCDS. Its output:"
    cat "$log" >&2
    exit 0
fi

# After [JavaOptions]: the archive path is relative to the image so it moves with it (/opt/NAME after install).
# shellcheck disable=SC2016 # $APPDIR is for the jpackage launcher to expand, not this shell
sed -i '/^\[JavaOptions\]/a java-options=-XX:SharedArchiveFile=$APPDIR/'"$name"'.jsa\njava-options=-Xshare:auto' "$cfg"
say "archive $(du -h "$archive" | cut -f1) written; $cfg now uses it"
