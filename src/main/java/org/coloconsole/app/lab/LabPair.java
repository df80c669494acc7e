package org.coloconsole.app.lab;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.coloconsole.qmp.Endpoint;

/**
 * A real COLO pair of QEMUs on loopback: the console's embedded default and the fixture of every COLO test.
 * {@link #start} returns once both sides report their COLO mode; {@link #close} ends both processes and removes the
 * run directory. Each QEMU has a console monitor and a spare harness monitor, which the lab itself uses only while
 * bringing COLO up.
 */
public final class LabPair implements AutoCloseable {
    private static final int START_ATTEMPTS = 3;

    /** Replaced (and rewritten to the run dir) when a side is restarted: its pid changes. */
    private volatile LabState state;
    private final LabOptions options;
    /** Guarded by itself: {@link #restart} replaces a side's process. */
    private final Map<LabSide, QemuProcess> processes;
    private final Duration startupTime;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final Thread shutdownHook;

    /** The full pair's ports and files, for starting a side again; empty for the minimal pair. */
    private final Optional<FullPairWiring> wiring;

    private LabPair(LabState state, LabOptions options, Optional<FullPairWiring> wiring,
                    Map<LabSide, QemuProcess> processes, Duration startupTime) {
        this.state = state;
        this.options = options;
        this.wiring = wiring;
        this.processes = processes;
        this.startupTime = startupTime;
        this.shutdownHook = options.stopWhenJvmExits() ? new Thread(this::stopQuietly, "colo-lab-shutdown") : null;
    }

    /**
     * Starts a secondary, then a primary, brings COLO up between them and waits (bounded by
     * {@link LabOptions#startTimeout()}) until both report their mode; for {@link LabPairKind#FULL_UNPROTECTED} only
     * until both monitors greet, the primary's guest running alone and the secondary waiting on
     * {@code -incoming defer}.
     *
     * @throws LabException with a sentence saying why, after stopping whatever it had started
     */
    public static LabPair start(LabOptions options) {
        Map<String, String> environment = System.getenv();
        Path binary = QemuBinary.resolve(options.qemuBinary(), environment);
        Accelerator accelerator = options.accelerator() != null ? options.accelerator()
                : Accelerator.detect(Path.of("/dev/kvm"));
        Path runDir = options.explicitRunDir().orElseGet(() -> RunDirectory.defaultLocation(environment))
                .toAbsolutePath().normalize();
        // built (once per user) before the start's own deadline runs: a first build downloads about 70 MB
        Optional<LabGuest> guest = options.kind().full()
                ? Optional.of(LabGuest.ensure(options.guestCacheOr(environment))) : Optional.empty();
        for (int attempt = 1; ; attempt++) {
            try {
                return startOnce(options, binary, accelerator, runDir, guest);
            } catch (LabException e) {
                if (attempt >= START_ATTEMPTS || e.reason() != LabException.Reason.PORT_TAKEN) {
                    throw e;
                }
            }
        }
    }

    private static LabPair startOnce(LabOptions options, Path binary, Accelerator accelerator, Path runDir,
                                     Optional<LabGuest> guest) {
        clearStaleLab(runDir);
        RunDirectory.create(runDir);
        long startNanos = System.nanoTime();
        long deadline = startNanos + options.startTimeout().toNanos();
        Instant startedAt = Instant.now();
        boolean tcp = options.consoleTransport() == MonitorTransport.TCP;
        List<Integer> ports = LoopbackPorts.pick((tcp ? 3 : 1) + (guest.isPresent() ? FullPairWiring.PORTS : 0));
        Optional<FullPairWiring> wiring = guest.map(g -> FullPairWiring.of(
                ports.subList(ports.size() - FullPairWiring.PORTS, ports.size()), g, runDir.resolve("disks")));
        Endpoint incoming = new Endpoint.Tcp("127.0.0.1", ports.get(0));
        Map<LabSide, Endpoint> consoles = new EnumMap<>(LabSide.class);
        Map<LabSide, Endpoint> harnesses = new EnumMap<>(LabSide.class);
        for (LabSide side : LabSide.values()) {
            consoles.put(side, tcp ? new Endpoint.Tcp("127.0.0.1", ports.get(1 + side.ordinal()))
                    : new Endpoint.Unix(runDir.resolve(side.label() + "-console.sock")));
            harnesses.put(side, new Endpoint.Unix(runDir.resolve(side.label() + "-harness.sock")));
        }
        Duration delay = options.effectiveCheckpointDelay();
        TcgWorkaround workaround = TcgWorkaround.choose(accelerator, options.tcgWorkaround());
        Map<LabSide, QemuProcess> started = new EnumMap<>(LabSide.class);
        try {
            if (workaround == TcgWorkaround.LOADED) {
                TcgWaitShim.installInto(runDir);
            }
            LabFence.installInto(runDir);
            Map<String, String> environment = LabState.qemuEnvironment(QemuInstall.of(binary), workaround, runDir);
            wiring.ifPresent(w -> LabDisks.create(w, binary));
            // the secondary first: a full primary waits at start until the secondary connects to its compare1
            boolean colo = options.kind().protectedAtStart();
            for (LabSide side : List.of(LabSide.SECONDARY, LabSide.PRIMARY)) {
                List<String> commandLine = colo ? QemuCommandLine.build(QemuInstall.of(binary), side, accelerator,
                        options.memoryMb(), runDir, consoles.get(side), harnesses.get(side), incoming, wiring)
                        : QemuCommandLine.plain(QemuInstall.of(binary), side, accelerator, options.memoryMb(), runDir,
                        consoles.get(side), harnesses.get(side), wiring.orElseThrow());
                started.put(side, QemuProcess.start(side, commandLine, environment, runDir));
            }
            Map<LabSide, LabState.SideState> sides = new EnumMap<>(LabSide.class);
            for (LabSide side : LabSide.values()) {
                sides.put(side, new LabState.SideState(started.get(side).pid(), consoles.get(side),
                        harnesses.get(side), wiring.map(w -> OptionalInt.of(w.servicePort(side)))
                        .orElse(OptionalInt.empty())));
            }
            LabState state = new LabState(runDir, binary.toString(), options.kind(), accelerator, workaround, delay,
                    startedAt, incoming, sides);
            // written before COLO is up, so that a start killed half-way can still be found and stopped
            state.write();
            if (colo) {
                new ColoBringUp(started.get(LabSide.PRIMARY), started.get(LabSide.SECONDARY), deadline)
                        .run(harnesses.get(LabSide.PRIMARY), harnesses.get(LabSide.SECONDARY), incoming, delay,
                                wiring);
            } else {
                for (LabSide side : LabSide.values()) {
                    new MonitorWait(started.get(side), deadline).await(harnesses.get(side));
                }
            }
            LabPair pair = new LabPair(state, options, wiring, started,
                    Duration.ofNanos(System.nanoTime() - startNanos));
            pair.registerShutdownHook();
            return pair;
        } catch (RuntimeException e) {
            List<Long> pids = new ArrayList<>();
            started.values().forEach(p -> pids.add(p.pid()));
            try {
                LabProcesses.terminate(pids, binary.toString(), runDir, options.stopGrace());
            } finally {
                RunDirectory.remove(runDir);
            }
            if (e instanceof LabException lab) {
                throw new LabException("the lab did not start: " + e.getMessage(), e.getCause(), lab.reason());
            }
            throw new LabException("the lab did not start: " + e, e);
        }
    }

    /** A state file whose processes are all gone is left over from a crash; a live one is refused. */
    private static void clearStaleLab(Path runDir) {
        LabState old = LabState.read(runDir).orElse(null);
        if (old == null) {
            return;
        }
        for (LabSide side : LabSide.values()) {
            long pid = old.side(side).pid();
            if (LabProcesses.isLabQemu(pid, old.qemuBinary(), runDir)) {
                throw new LabException("a lab is already running in " + runDir + " (" + side.label() + " pid " + pid
                        + "); stop it first with: colo-console lab stop");
            }
        }
        RunDirectory.remove(runDir);
    }

    private void registerShutdownHook() {
        if (shutdownHook != null) {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
    }

    public Accelerator accelerator() {
        return state.accelerator();
    }

    /** Which accelerator runs and whether the TCG workaround is loaded, as a sentence for the operator. */
    public String acceleratorSentence() {
        String why = options.accelerator() != null ? " (as asked)"
                : state.accelerator() == Accelerator.KVM ? " (/dev/kvm opens read-write)"
                : " (/dev/kvm cannot be opened read-write)";
        return state.acceleratorSentence(why);
    }

    public TcgWorkaround tcgWorkaround() {
        return state.tcgWorkaround();
    }

    /** The {@code x-checkpoint-delay} the pair runs with. */
    public Duration checkpointDelay() {
        return state.checkpointDelay();
    }

    /** From the first QEMU's start until both sides reported their COLO mode. */
    public Duration startupTime() {
        return startupTime;
    }

    public LabState state() {
        return state;
    }

    public Path runDir() {
        return state.runDir();
    }

    public Endpoint consoleEndpoint(LabSide side) {
        return state.side(side).console();
    }

    public Endpoint harnessEndpoint(LabSide side) {
        return state.side(side).harness();
    }

    public Endpoint primaryConsoleEndpoint() {
        return consoleEndpoint(LabSide.PRIMARY);
    }

    public Endpoint secondaryConsoleEndpoint() {
        return consoleEndpoint(LabSide.SECONDARY);
    }

    public Endpoint primaryHarnessEndpoint() {
        return harnessEndpoint(LabSide.PRIMARY);
    }

    public Endpoint secondaryHarnessEndpoint() {
        return harnessEndpoint(LabSide.SECONDARY);
    }

    /** The secondary's {@code -incoming} address, which the primary migrates to. */
    public Endpoint incomingEndpoint() {
        return state.incoming();
    }

    public long pid(LabSide side) {
        return state.side(side).pid();
    }

    public long primaryPid() {
        return pid(LabSide.PRIMARY);
    }

    public long secondaryPid() {
        return pid(LabSide.SECONDARY);
    }

    /** Whether that side's QEMU still runs (a stopped one still counts as running). */
    public boolean isRunning(LabSide side) {
        return process(side).isAlive();
    }

    /** Waits at most {@code timeout} for that side's QEMU to exit; true when it has. */
    public boolean awaitExit(LabSide side, Duration timeout) throws InterruptedException {
        return process(side).waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private QemuProcess process(LabSide side) {
        synchronized (processes) {
            return processes.get(side);
        }
    }

    /**
     * Kills that side's QEMU (SIGKILL, also when it is stopped or already gone) and starts it again with the same
     * command line, on the same monitors: what a host's supervisor does after a crash. The new process does not
     * rejoin COLO by itself — a restarted secondary waits on {@code -incoming}, a restarted primary waits paused
     * ({@code -S}) — so the pair is unprotected until someone brings COLO up again. Returns once the new QEMU's
     * harness monitor greets; the state file then names its pid.
     *
     * @throws LabException with a sentence saying why, when the new QEMU exits or its monitor does not come up
     */
    public void restart(LabSide side) {
        if (stopped.get()) {
            throw new LabException("the lab in " + state.runDir() + " is stopped; start a new one");
        }
        QemuProcess old = process(side);
        kill(side, LabSignal.KILL);
        awaitGone(side, old);
        replace(side, side, state.incoming().text());
    }

    /**
     * Kills the secondary's QEMU if it still runs and starts a new one for restoring protection: fresh, empty disk
     * images, the same proxy chardevs and filters, and {@code -incoming defer}, on the same monitors (what an operator
     * starts on a new host, docs/colo-full-pair.md "Resume replication on the survivor"). Only a full pair has that
     * command line. Returns once the new QEMU's harness monitor greets.
     *
     * @throws LabException with a sentence saying why
     */
    public void startNewSecondary() {
        startNewSecondary(LabSide.SECONDARY);
    }

    /**
     * As {@link #startNewSecondary()}, in that slot: {@code PRIMARY} starts the new secondary where the primary ran
     * (its monitors and forwarded port, images of its own), for swapping roles after a failover to the secondary.
     */
    public void startNewSecondary(LabSide slot) {
        if (stopped.get()) {
            throw new LabException("the lab in " + state.runDir() + " is stopped; start a new one");
        }
        FullPairWiring full = wiring.orElseThrow(() -> new LabException("only a full lab pair (--full) has the "
                + "disks and proxy a new secondary needs"));
        QemuProcess old = process(slot);
        kill(slot, LabSignal.KILL);
        awaitGone(slot, old);
        LabDisks.createSecondary(full.secondaryImages(slot), Path.of(state.qemuBinary()));
        replace(slot, LabSide.SECONDARY, "defer");
    }

    private void awaitGone(LabSide side, QemuProcess old) {
        try {
            if (!old.waitFor(5, TimeUnit.SECONDS)) {
                throw new LabException("the " + side.label() + " QEMU (pid " + old.pid()
                        + ") did not exit within 5 s of SIGKILL; check it with: ps -p " + old.pid());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while waiting for the " + side.label() + " QEMU to exit", e);
        }
    }

    /** Starts that side's QEMU again with its command line ({@code -incoming} as given) and records its pid. */
    private void replace(LabSide side, LabSide role, String incoming) {
        LabState.SideState was = state.side(side);
        QemuInstall install = QemuInstall.of(Path.of(state.qemuBinary()));
        List<String> commandLine = QemuCommandLine.build(install, side, role, state.accelerator(),
                options.memoryMb(), state.runDir(), was.console(), was.harness(), incoming, wiring);
        QemuProcess started = QemuProcess.restart(side, commandLine, state.qemuEnvironment(), state.runDir());
        synchronized (processes) {
            processes.put(side, started);
        }
        Map<LabSide, LabState.SideState> sides = new EnumMap<>(state.sides());
        sides.put(side, was.withPid(started.pid()));
        state = new LabState(state.runDir(), state.qemuBinary(), state.kind(), state.accelerator(),
                state.tcgWorkaround(), state.checkpointDelay(), state.startedAt(), state.incoming(), sides);
        state.write();
        new MonitorWait(started, System.nanoTime() + options.startTimeout().toNanos()).await(was.harness());
    }

    /**
     * Sends {@code signal} to that side's QEMU, to simulate a crash (KILL), a hang (STOP) and its end (CONT).
     * TERM or KILL to a QEMU that has already exited does nothing; STOP or CONT to one fails.
     */
    public void kill(LabSide side, LabSignal signal) {
        long pid = pid(side);
        if (!LabProcesses.isLabQemu(pid, state.qemuBinary(), state.runDir())) {
            if (signal == LabSignal.KILL || signal == LabSignal.TERM) {
                return;
            }
            throw new LabException("cannot send " + signal.name() + " to the " + side.label() + " QEMU (pid " + pid
                    + "): it is no longer running");
        }
        LabProcesses.signal(pid, signal);
    }

    /** Ends both QEMUs (SIGTERM, then SIGKILL after the grace period) and removes the run directory. Idempotent. */
    @Override
    public void close() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or about to: it finds the pair stopped
            }
        }
        stopProcesses();
    }

    private void stopQuietly() {
        if (stopped.compareAndSet(false, true)) {
            try {
                stopProcesses();
            } catch (RuntimeException e) {
                System.err.println("colo-console: could not stop the lab in " + state.runDir() + ": " + e.getMessage());
            }
        }
    }

    private void stopProcesses() {
        List<Long> pids = new ArrayList<>();
        for (LabSide side : LabSide.values()) {
            pids.add(pid(side));
        }
        try {
            LabProcesses.terminate(pids, state.qemuBinary(), state.runDir(), options.stopGrace());
            awaitReaped();
        } finally {
            RunDirectory.remove(state.runDir());
        }
    }

    /** Our own children: wait until the JVM has reaped them, so that no caller ever sees them alive afterwards. */
    private void awaitReaped() {
        List<QemuProcess> all;
        synchronized (processes) {
            all = List.copyOf(processes.values());
        }
        for (QemuProcess process : all) {
            try {
                process.waitFor(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public String toString() {
        return "LabPair[" + state.runDir() + ", primary pid " + primaryPid() + ", secondary pid " + secondaryPid()
                + ", " + state.accelerator() + "]";
    }
}
