#!/bin/bash
# Ends both QEMUs of a pair started by start.sh (SIGKILL: a QEMU in COLO can ignore SIGTERM under TCG, see
# docs/colo-full-pair.md) and removes the run directory.
# usage: stop.sh RUN_DIR
set -u
run=$1
for side in primary secondary; do
    if [ -f "$run/$side.pid" ]; then
        pid=$(cat "$run/$side.pid")
        kill -9 "$pid" 2>/dev/null
        for _ in $(seq 50); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
    fi
done
rm -rf "$run"
