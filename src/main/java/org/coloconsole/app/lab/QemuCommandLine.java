package org.coloconsole.app.lab;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.coloconsole.qmp.Endpoint;

/**
 * The command line of one QEMU of a lab pair. The minimal pair has no disk and no NIC: COLO replicates RAM and device
 * state only. The full pair adds what QEMU's COLO guide adds (docs/colo-behaviour.md, "A full pair"), with the guide's
 * object names, so that a console can find every part by those names. The secondary waits on {@code -incoming}; the
 * primary starts paused ({@code -S}) until it migrates.
 */
final class QemuCommandLine {
    private static final String LOOPBACK = "127.0.0.1";

    private QemuCommandLine() {
    }

    static List<String> build(QemuInstall qemu, LabSide side, Accelerator accelerator, int memoryMb, Path runDir,
                              Endpoint console, Endpoint harness, Endpoint incoming, Optional<FullPairWiring> full) {
        return build(qemu, side, accelerator, memoryMb, runDir, console, harness, incoming.text(), full);
    }

    /** @param incoming the secondary's {@code -incoming} value: an address, or {@code defer} for a new secondary */
    static List<String> build(QemuInstall qemu, LabSide side, Accelerator accelerator, int memoryMb, Path runDir,
                              Endpoint console, Endpoint harness, String incoming, Optional<FullPairWiring> full) {
        return build(qemu, side, side, accelerator, memoryMb, runDir, console, harness, incoming, full);
    }

    /**
     * @param side the slot: its name, monitors, serial log and forwarded port
     * @param role what the QEMU is in COLO: a new secondary can take the primary's slot when the roles swap
     */
    static List<String> build(QemuInstall qemu, LabSide side, LabSide role, Accelerator accelerator, int memoryMb,
                              Path runDir, Endpoint console, Endpoint harness, String incoming,
                              Optional<FullPairWiring> full) {
        List<String> args = new ArrayList<>();
        args.add(qemu.binary().toString());
        args.addAll(qemu.options());
        args.add("-name");
        args.add(side.label());
        args.add("-machine");
        args.add(accelerator == Accelerator.KVM ? "pc,accel=kvm" : "pc,accel=tcg");
        args.add("-cpu");
        // not "host": under nested KVM QEMU 7.2 aborts setting MSR 0x10a; qemu64 only warns about pni
        args.add("qemu64");
        args.add("-smp");
        args.add("1");
        args.add("-m");
        args.add(full.isPresent() ? LabGuest.MEMORY : Integer.toString(memoryMb));
        args.add("-nodefaults");
        args.add("-display");
        args.add("none");
        args.add("-no-user-config");
        args.add("-qmp");
        args.add(monitor(console));
        args.add("-qmp");
        args.add(monitor(harness));
        args.add("-serial");
        args.add("file:" + escape(runDir.resolve(side.label() + "-serial.log").toString()));
        full.ifPresent(wiring -> {
            guest(args, wiring, side);
            if (role == LabSide.PRIMARY) {
                primaryProxyAndDisk(args, wiring);
            } else {
                secondaryProxyAndDisk(args, wiring, wiring.secondaryImages(side));
            }
        });
        if (role == LabSide.SECONDARY) {
            args.add("-incoming");
            args.add(incoming);
        } else {
            args.add("-S");
        }
        return args;
    }

    /**
     * A full pair's QEMU that was never put under COLO ({@link LabPairKind#FULL_UNPROTECTED}): the primary runs its
     * guest at once with the guide's disk and proxy chardevs but without the proxy's objects; the secondary is the
     * guide's, waiting with {@code -incoming defer}.
     */
    static List<String> plain(QemuInstall qemu, LabSide side, Accelerator accelerator, int memoryMb, Path runDir,
                              Endpoint console, Endpoint harness, FullPairWiring wiring) {
        List<String> args = build(qemu, side, accelerator, memoryMb, runDir, console, harness, "defer",
                Optional.of(wiring));
        if (side == LabSide.PRIMARY) {
            args.remove("-S");
            int objects;
            while ((objects = args.indexOf("-object")) >= 0) {
                args.remove(objects + 1);
                args.remove(objects);
            }
        }
        return args;
    }

    private static void guest(List<String> args, FullPairWiring wiring, LabSide side) {
        add(args, "-kernel", escape(wiring.guest().kernel().toString()));
        add(args, "-initrd", escape(wiring.guest().initramfs().toString()));
        add(args, "-append", "console=ttyS0 quiet");
        // user-mode networking works with the COLO proxy: no tap device, no root; each side forwards its own port
        add(args, "-netdev", "user,id=hn0,hostfwd=tcp:" + LOOPBACK + ":" + wiring.servicePort(side) + "-:80");
        add(args, "-device", "e1000,id=e0,netdev=hn0,romfile=");
    }

    private static void primaryProxyAndDisk(List<String> args, FullPairWiring w) {
        add(args, "-chardev", socket("mirror0", w.mirrorPort(), ",server=on,wait=off"));
        // waits at start until the secondary's red1 connects: the secondary is started first
        add(args, "-chardev", socket("compare1", w.secondaryInPort(), ",server=on,wait=on"));
        add(args, "-chardev", socket("compare0", w.compareInPort(), ",server=on,wait=off"));
        add(args, "-chardev", socket("compare0-0", w.compareInPort(), ""));
        add(args, "-chardev", socket("compare_out", w.compareOutPort(), ",server=on,wait=off"));
        add(args, "-chardev", socket("compare_out0", w.compareOutPort(), ""));
        add(args, "-object", "filter-mirror,id=m0,netdev=hn0,queue=tx,outdev=mirror0");
        add(args, "-object", "filter-redirector,id=redire0,netdev=hn0,queue=rx,indev=compare_out");
        add(args, "-object", "filter-redirector,id=redire1,netdev=hn0,queue=rx,outdev=compare0");
        add(args, "-object", "iothread,id=iothread1");
        add(args, "-object", "colo-compare,id=comp0,primary_in=compare0-0,secondary_in=compare1,"
                + "outdev=compare_out0,iothread=iothread1");
        add(args, "-drive", "if=ide,id=colo-disk0,driver=quorum,read-pattern=fifo,vote-threshold=1,"
                + "children.0.file.filename=" + escape(w.primaryDisk().toString()) + ",children.0.driver=qcow2");
    }

    private static void secondaryProxyAndDisk(List<String> args, FullPairWiring w, FullPairWiring.Images images) {
        add(args, "-chardev", socket("red0", w.mirrorPort(), ",reconnect=1"));
        add(args, "-chardev", socket("red1", w.secondaryInPort(), ",reconnect=1"));
        add(args, "-object", "filter-redirector,id=f1,netdev=hn0,queue=tx,indev=red0");
        add(args, "-object", "filter-redirector,id=f2,netdev=hn0,queue=rx,outdev=red1");
        add(args, "-object", "filter-rewriter,id=rew0,netdev=hn0,queue=all");
        add(args, "-drive", "if=none,id=parent0,file.filename=" + escape(images.parent().toString())
                + ",driver=qcow2");
        add(args, "-drive", "if=none,id=childs0,driver=replication,mode=secondary,file.driver=qcow2,"
                + "top-id=colo-disk0,file.file.filename=" + escape(images.active().toString())
                + ",file.backing.driver=qcow2,file.backing.file.filename=" + escape(images.hidden().toString())
                + ",file.backing.backing=parent0");
        add(args, "-drive", "if=ide,id=colo-disk0,driver=quorum,read-pattern=fifo,vote-threshold=1,children.0=childs0");
    }

    private static String socket(String id, int port, String options) {
        return "socket,id=" + id + ",host=" + LOOPBACK + ",port=" + port + options;
    }

    private static void add(List<String> args, String option, String value) {
        args.add(option);
        args.add(value);
    }

    private static String monitor(Endpoint endpoint) {
        if (endpoint instanceof Endpoint.Tcp tcp) {
            // without nodelay QEMU holds back an event followed by a reply by about 44 ms
            return "tcp:" + tcp.host() + ":" + tcp.port() + ",server=on,wait=off,nodelay=on";
        }
        Endpoint.Unix unix = (Endpoint.Unix) endpoint;
        return "unix:" + escape(unix.path().toString()) + ",server=on,wait=off";
    }

    /** QEMU's option syntax reads a doubled comma as a literal one. */
    private static String escape(String value) {
        return value.replace(",", ",,");
    }
}
