#!/bin/bash
# A full COLO pair as QEMU's guide builds it (docs/system/qemu-colo.rst in QEMU's tree; the command lines and what
# they do on this machine are in docs/colo-full-pair.md): quorum + replication + NBD disk, the COLO proxy on an e1000
# NIC with -netdev user, a forwarded host port per side. Started outside the console, so the console meets the
# guide's names without having built the pair itself. The QMP bring-up is the caller's (GuidePair), over the spare
# monitors.
#
# usage: start.sh RUN_DIR KERNEL INITRD [TCG_SHIM]
#   RUN_DIR  an empty, short directory (UNIX socket paths must fit in 108 bytes); it receives the images, sockets,
#            logs and pid files
#   TCG_SHIM the lab's LD_PRELOAD workaround, loaded into both QEMUs when /dev/kvm cannot be opened
# prints KEY=VALUE lines: the monitors, the ports it chose, the pids and the accelerator
set -eu
run=$1
kernel=$2
initrd=$3
shim=${4:-}
qemu=${QEMU:-qemu-system-x86_64}

# a loopback port nothing listens on now (a race with other processes is possible, and rare)
used=" "
free_port() {
    local port
    while true; do
        port=$((20000 + RANDOM % 40000))
        case "$used" in *" $port "*) continue ;; esac
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            used="$used$port "
            echo "$port"
            return
        fi
    done
}

mirror=$(free_port)
compare_sec=$(free_port)
compare_pri=$(free_port)
compare_out=$(free_port)
incoming=$(free_port)
nbd=$(free_port)
http_primary=$(free_port)
http_secondary=$(free_port)

if [ -r /dev/kvm ] && [ -w /dev/kvm ]; then
    accel=kvm
    preload=
else
    accel=tcg
    # QEMU 7.2's COLO primary deadlocks under TCG without it (docs/colo-full-pair.md: every QEMU that may become
    # primary needs it, so the secondary too)
    preload=$shim
fi

qemu-img create -q -f qcow2 "$run/primary.qcow2" 16M
cp "$run/primary.qcow2" "$run/secondary-parent.qcow2"
qemu-img create -q -f qcow2 "$run/secondary-active.qcow2" 16M
qemu-img create -q -f qcow2 "$run/secondary-hidden.qcow2" 16M

# both sides' options, into the array "common"
common_for() {
    local side=$1 port=$2
    # RAM not a multiple of 256 KiB: under TCG 7.2's secondary guest oopses after checkpoints at 128M
    common=(-machine "pc,accel=$accel" -cpu qemu64 -smp 1 -m 131200K -nodefaults -display none -no-user-config
        -kernel "$kernel" -initrd "$initrd" -append "console=ttyS0 quiet" -serial "file:$run/$side-serial.log"
        -qmp "unix:$run/$side-qmp.sock,server=on,wait=off"
        -qmp "unix:$run/$side-spare.sock,server=on,wait=off"
        -netdev "user,id=hn0,hostfwd=tcp:127.0.0.1:$port-:80" -device e1000,id=e0,netdev=hn0,romfile=)
}

launch() {
    local side=$1
    shift
    if [ -n "$preload" ]; then
        LD_PRELOAD=$preload setsid "$qemu" -name "$side" "$@" </dev/null >"$run/$side-stderr.log" 2>&1 &
    else
        setsid "$qemu" -name "$side" "$@" </dev/null >"$run/$side-stderr.log" 2>&1 &
    fi
    echo $! >"$run/$side.pid"
}

# the secondary first: the primary's compare1 (wait=on) blocks until the secondary's red1 connects
common_for secondary "$http_secondary"
launch secondary "${common[@]}" \
    -chardev socket,id=red0,host=127.0.0.1,port=$mirror,reconnect=1 \
    -chardev socket,id=red1,host=127.0.0.1,port=$compare_sec,reconnect=1 \
    -object filter-redirector,id=f1,netdev=hn0,queue=tx,indev=red0 \
    -object filter-redirector,id=f2,netdev=hn0,queue=rx,outdev=red1 \
    -object filter-rewriter,id=rew0,netdev=hn0,queue=all \
    -drive "if=none,id=parent0,file.filename=$run/secondary-parent.qcow2,driver=qcow2" \
    -drive "if=none,id=childs0,driver=replication,mode=secondary,file.driver=qcow2,top-id=colo-disk0,file.file.filename=$run/secondary-active.qcow2,file.backing.driver=qcow2,file.backing.file.filename=$run/secondary-hidden.qcow2,file.backing.backing=parent0" \
    -drive if=ide,id=colo-disk0,driver=quorum,read-pattern=fifo,vote-threshold=1,children.0=childs0 \
    -incoming tcp:127.0.0.1:$incoming

common_for primary "$http_primary"
launch primary "${common[@]}" -S \
    -chardev socket,id=mirror0,host=127.0.0.1,port=$mirror,server=on,wait=off \
    -chardev socket,id=compare1,host=127.0.0.1,port=$compare_sec,server=on,wait=on \
    -chardev socket,id=compare0,host=127.0.0.1,port=$compare_pri,server=on,wait=off \
    -chardev socket,id=compare0-0,host=127.0.0.1,port=$compare_pri \
    -chardev socket,id=compare_out,host=127.0.0.1,port=$compare_out,server=on,wait=off \
    -chardev socket,id=compare_out0,host=127.0.0.1,port=$compare_out \
    -object filter-mirror,id=m0,netdev=hn0,queue=tx,outdev=mirror0 \
    -object filter-redirector,id=redire0,netdev=hn0,queue=rx,indev=compare_out \
    -object filter-redirector,id=redire1,netdev=hn0,queue=rx,outdev=compare0 \
    -object iothread,id=iothread1 \
    -object colo-compare,id=comp0,primary_in=compare0-0,secondary_in=compare1,outdev=compare_out0,iothread=iothread1 \
    -drive "if=ide,id=colo-disk0,driver=quorum,read-pattern=fifo,vote-threshold=1,children.0.file.filename=$run/primary.qcow2,children.0.driver=qcow2"

cat <<OUT
accel=$accel
primary-qmp=unix:$run/primary-qmp.sock
primary-spare=unix:$run/primary-spare.sock
secondary-qmp=unix:$run/secondary-qmp.sock
secondary-spare=unix:$run/secondary-spare.sock
primary-http=$http_primary
secondary-http=$http_secondary
incoming=tcp:127.0.0.1:$incoming
nbd-port=$nbd
primary-pid=$(cat "$run/primary.pid")
secondary-pid=$(cat "$run/secondary.pid")
OUT
