package org.coloconsole.app.lab;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.coloconsole.qmp.Endpoint;

/**
 * The command line of one QEMU of the minimal pair (docs/colo-behaviour.md): no disk, no NIC, COLO replicates RAM and device
 * state only. The secondary waits on {@code -incoming}; the primary starts paused ({@code -S}) until it migrates.
 */
final class QemuCommandLine {
    private QemuCommandLine() {
    }

    static List<String> build(String binary, LabSide side, Accelerator accelerator, int memoryMb, Path runDir,
                              Endpoint console, Endpoint harness, Endpoint incoming) {
        List<String> args = new ArrayList<>();
        args.add(binary);
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
        args.add(Integer.toString(memoryMb));
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
        if (side == LabSide.SECONDARY) {
            args.add("-incoming");
            args.add(incoming.text());
        } else {
            args.add("-S");
        }
        return args;
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
