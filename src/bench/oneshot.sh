#!/usr/bin/env bash
# One-shot CLI calls beside socat and a Python one-shot, interleaved: what a script pays per call.
#
#   src/bench/oneshot.sh [LAUNCHER ...]       (default: target/jpackage/colo-console/bin/colo-console)
#
# Starts two QEMUs (TCG, no devices, a QMP monitor each) and then, RUNS times (ONESHOT_RUNS, default 21), runs one of
# each in turn:
#   LAUNCHER --version
#   LAUNCHER qmp unix:P query-status
#   LAUNCHER status --primary unix:P --secondary unix:S     (not a COLO pair: it prints DEGRADED and exits 1)
#   socat, sending qmp_capabilities and query-status         (QEMU closes the connection at the end of input)
#   python3 with a plain socket, the same two commands
# Several launchers (e.g. a saved app-image of main and a new one) run in the same interleaved rounds, so the load
# of a shared machine falls on all of them alike. The first round is a warm-up (page cache) and is not counted.
# Prints, per call, the median, min and max wall time and the median CPU time (user + system) in milliseconds.
# It kills only the QEMUs it started.
set -euo pipefail

script_dir=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(cd -- "$script_dir/../.." && pwd)
runs=${ONESHOT_RUNS:-21}
launchers=("$@")
[[ ${#launchers[@]} -gt 0 ]] || launchers=("$repo_root/target/jpackage/colo-console/bin/colo-console")
for launcher in "${launchers[@]}"; do
    [[ -x "$launcher" ]] || { echo "oneshot.sh: no launcher at $launcher (packaging/build-installer.sh builds one)" >&2; exit 2; }
done
# Debian's python3, not a version manager's shim in front of it (a shim adds its own start-up).
python=/usr/bin/python3
[[ -x $python ]] || python=$(command -v python3)
for tool in qemu-system-x86_64 socat "$python"; do
    command -v "$tool" >/dev/null 2>&1 || { echo "oneshot.sh needs $tool (apt-get install qemu-system-x86 socat python3)" >&2; exit 2; }
done

work=$(mktemp -d /tmp/colo-oneshot.XXXXXX)
qemu_pids=()
cleanup() {
    for pid in ${qemu_pids[@]+"${qemu_pids[@]}"}; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in ${qemu_pids[@]+"${qemu_pids[@]}"}; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

for side in p s; do
    qemu-system-x86_64 -machine accel=tcg -display none -nodefaults \
        -qmp "unix:$work/$side.sock,server=on,wait=off" >"$work/qemu-$side.log" 2>&1 &
    qemu_pids+=($!)
done
for side in p s; do
    for _ in $(seq 1 100); do [[ -S "$work/$side.sock" ]] && break; sleep 0.1; done
    [[ -S "$work/$side.sock" ]] || { cat "$work/qemu-$side.log" >&2; echo "oneshot.sh: QEMU made no socket" >&2; exit 1; }
done
p="$work/p.sock"
s="$work/s.sock"

cat >"$work/oneshot.py" <<'EOF'
import json, socket, sys
sock = socket.socket(socket.AF_UNIX)
sock.connect(sys.argv[1])
f = sock.makefile("rwb")
f.readline()
f.write(b'{"execute":"qmp_capabilities"}\n'); f.flush(); f.readline()
f.write(b'{"execute":"query-status"}\n'); f.flush()
print(json.dumps(json.loads(f.readline())["return"]))
EOF

labels=()
commands=()
add() { labels+=("$1"); commands+=("$2"); }
for i in "${!launchers[@]}"; do
    tag=""
    [[ ${#launchers[@]} -gt 1 ]] && tag=" [$((i + 1))]"
    l=$(printf '%q' "${launchers[$i]}")
    add "colo-console --version$tag" "$l --version"
    add "colo-console qmp EP query-status$tag" "$l qmp unix:$p query-status"
    add "colo-console status$tag" "$l status --primary unix:$p --secondary unix:$s"
done
add "socat" "printf '%s\n' '{\"execute\":\"qmp_capabilities\"}' '{\"execute\":\"query-status\"}' | socat -t 2 - UNIX-CONNECT:$p"
add "python3 one-shot" "$python $work/oneshot.py $p"

# One sample: "wall_ms cpu_ms", the CPU time being user + system of the children the call started, from the shell's
# own `times` before and after (run here, not in a subshell: a subshell counts only its own children).
cpu_ms() {
    tail -n 1 "$1" | awk '{
        total = 0
        for (i = 1; i <= 2; i++) { split($i, t, /[ms]/); total += t[1] * 60000 + t[2] * 1000 }
        printf "%d", total
    }'
}
sample() {
    local t0 t1
    times >"$work/cpu.before"
    t0=$EPOCHREALTIME
    (eval "$1") >/dev/null 2>&1 || true
    t1=$EPOCHREALTIME
    times >"$work/cpu.after"
    awk -v a="$t0" -v b="$t1" -v c="$(( $(cpu_ms "$work/cpu.after") - $(cpu_ms "$work/cpu.before") ))" \
        'BEGIN { printf "%d %d\n", (b - a) * 1000, c }'
}

for i in "${!commands[@]}"; do sample "${commands[$i]}" >/dev/null; done
for round in $(seq 1 "$runs"); do
    for i in "${!commands[@]}"; do
        sample "${commands[$i]}" >>"$work/times-$i"
    done
    printf '.' >&2
done
echo >&2

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
echo "$runs interleaved runs each, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%dT%H:%MZ)"
for i in "${!launchers[@]}"; do echo "[$((i + 1))] ${launchers[$i]}"; done
printf '%-42s %8s %8s %8s %10s\n' "call" "median" "min" "max" "cpu median"
for i in "${!commands[@]}"; do
    f="$work/times-$i"
    wall_med=$(cut -d' ' -f1 "$f" | median)
    wall_min=$(cut -d' ' -f1 "$f" | sort -n | head -n 1)
    wall_max=$(cut -d' ' -f1 "$f" | sort -n | tail -n 1)
    cpu_med=$(cut -d' ' -f2 "$f" | median)
    printf '%-42s %8s %8s %8s %10s\n' "${labels[$i]}" "$wall_med" "$wall_min" "$wall_max" "$cpu_med"
done
