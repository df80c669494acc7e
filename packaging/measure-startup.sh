#!/usr/bin/env bash
# Measures how long an app-image takes from launch to its window being shown.
#
#   packaging/measure-startup.sh [IMAGE_DIR] [RUNS]      (defaults: target/jpackage/colo-console, 7)
#
# Each run starts IMAGE/bin/colo-console with no arguments and polls every 10 ms for a visible window titled
# "COLO Console" (xdotool); the time to that is printed per run, then min / median / max in milliseconds.
# Runs itself under xvfb-run when there is no DISPLAY. Needs xdotool (apt-get install xdotool).
# The first run is a warm-up (page cache) and is not counted.
set -euo pipefail

script_dir=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
image=${1:-"$script_dir/../target/jpackage/colo-console"}
runs=${2:-7}
title=${COLO_WINDOW_TITLE:-COLO Console}
timeout_ms=${COLO_STARTUP_TIMEOUT_MS:-30000}

if [[ -z "${DISPLAY:-}" ]]; then
    exec xvfb-run -a -s "-screen 0 1280x800x24" "$0" "$image" "$runs"
fi
command -v xdotool >/dev/null 2>&1 || { echo "measure-startup.sh needs xdotool: apt-get install xdotool" >&2; exit 2; }
launcher="$image/bin/colo-console"
[[ -x "$launcher" ]] || { echo "No launcher at $launcher: build the app-image first (packaging/build-installer.sh)." >&2; exit 2; }

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

app=""
cleanup() {
    if [[ -n "$app" ]] && kill -0 "$app" 2>/dev/null; then
        kill -TERM "$app" 2>/dev/null || true
        wait "$app" 2>/dev/null || true
    fi
}
trap cleanup EXIT

one_run() {
    local start elapsed
    start=$(now_ms)
    "$launcher" >/dev/null 2>&1 &
    app=$!
    while true; do
        if xdotool search --onlyvisible --name "^$title" >/dev/null 2>&1; then
            elapsed=$(( $(now_ms) - start ))
            break
        fi
        if ! kill -0 "$app" 2>/dev/null; then
            echo "The app exited before showing a window titled '$title'." >&2
            return 1
        fi
        if (( $(now_ms) - start > timeout_ms )); then
            echo "No window titled '$title' within ${timeout_ms} ms." >&2
            return 1
        fi
        sleep 0.01
    done
    kill -TERM "$app" 2>/dev/null || true
    wait "$app" 2>/dev/null || true
    app=""
    echo "$elapsed"
}

one_run >/dev/null
results=()
for i in $(seq 1 "$runs"); do
    ms=$(one_run)
    echo "run $i: $ms ms"
    results+=("$ms")
done
mapfile -t sorted < <(printf '%s\n' "${results[@]}" | sort -n)
echo "launch to window shown, $runs runs: min ${sorted[0]} ms, median ${sorted[$(( runs / 2 ))]} ms, max ${sorted[$(( runs - 1 ))]} ms ($image)"
