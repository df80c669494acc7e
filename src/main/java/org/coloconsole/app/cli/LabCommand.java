package org.coloconsole.app.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.coloconsole.app.lab.CheckpointSample;
import org.coloconsole.app.lab.CheckpointWatch;
import org.coloconsole.app.lab.LabControl;
import org.coloconsole.app.lab.LabException;
import org.coloconsole.app.lab.LabOptions;
import org.coloconsole.app.lab.LabPair;
import org.coloconsole.app.lab.LabPairKind;
import org.coloconsole.app.lab.LabSide;
import org.coloconsole.app.lab.LabState;
import org.coloconsole.app.lab.LabStatus;
import org.coloconsole.app.lab.LabStopReport;
import org.coloconsole.app.lab.MonitorTransport;
import org.coloconsole.app.lab.RunDirectory;
import org.coloconsole.colo.ServiceProbes;
import org.coloconsole.engine.AuditTrailFactory;
import org.coloconsole.engine.PairClaims;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code colo-console lab start|status|stop|drill}: a local COLO pair of real QEMUs on loopback. {@code start} leaves the
 * pair running after the command ends; {@code status} and {@code stop} find it through the state file in its run
 * directory.
 */
@Command(name = "lab", mixinStandardHelpOptions = true,
        description = {"A local COLO pair of real QEMU processes on loopback, for trying the console and for tests."})
public final class LabCommand implements Callable<Integer> {

    private final Path defaultRunDir;
    /** The journal a drill writes to; null when made without one (a drill then refuses). */
    private final AuditTrailFactory trails;
    /** Who this process is when a drill claims its pair; null with {@link #trails}. */
    private final Supplier<PairClaims> claims;

    @Spec
    private CommandSpec spec;

    /**
     * @param trails the journal {@code lab drill} writes its swaps to
     * @param claims this process's claims, for the drill's swaps
     */
    public LabCommand(AuditTrailFactory trails, Supplier<PairClaims> claims) {
        this(RunDirectory.defaultLocation(System.getenv()), trails, claims);
    }

    /** @param defaultRunDir where the lab lives when {@code --run-dir} is not given (no drill: it needs a journal) */
    public LabCommand(Path defaultRunDir) {
        this(defaultRunDir, null, null);
    }

    public LabCommand(Path defaultRunDir, AuditTrailFactory trails, Supplier<PairClaims> claims) {
        this.defaultRunDir = defaultRunDir;
        this.trails = trails;
        this.claims = claims;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.OK;
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = {"Start a primary and a secondary QEMU, bring COLO up between them and print their monitors.",
                    "Exit 0 once both report their COLO mode, 1 when the lab could not start."})
    int start(@Option(names = "--run-dir", paramLabel = "DIR", description = "private directory of the lab "
                      + "(default: $XDG_RUNTIME_DIR/colo-console/lab)") Path runDir,
              @Option(names = "--checkpoint-delay", paramLabel = "DURATION", converter = DurationConverter.class,
                      description = "COLO's x-checkpoint-delay (default 2s, under KVM and TCG alike)")
              Duration checkpointDelay,
              @Option(names = "--console", paramLabel = "unix|tcp", defaultValue = "unix",
                      description = "how the console monitors listen (default ${DEFAULT-VALUE})") String console,
              @Option(names = "--qemu", paramLabel = "PATH", defaultValue = LabOptions.DEFAULT_QEMU,
                      description = "the QEMU binary (default ${DEFAULT-VALUE})") String qemu,
              @Option(names = "--minimal", description = "no disk, no NIC, no guest: COLO checkpoints RAM only "
                      + "(starts in about a second; the default is a full pair with a Linux guest)") boolean minimal) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        MonitorTransport transport;
        if ("unix".equalsIgnoreCase(console)) {
            transport = MonitorTransport.UNIX;
        } else if ("tcp".equalsIgnoreCase(console)) {
            transport = MonitorTransport.TCP;
        } else {
            err.println("--console must be unix or tcp, not '" + console + "'");
            err.flush();
            return ExitCodes.UNREACHABLE;
        }
        LabOptions options = LabOptions.defaults().withRunDir(runDir(runDir)).withQemuBinary(qemu)
                .withConsoleTransport(transport).withCheckpointDelay(checkpointDelay).withStopWhenJvmExits(false)
                .withKind(minimal ? LabPairKind.MINIMAL : LabPairKind.FULL)
                .withStartTimeout(minimal ? Duration.ofSeconds(20) : Duration.ofSeconds(60));
        try {
            LabPair pair = LabPair.start(options);
            out.println("COLO is up after " + pair.startupTime().toMillis() + " ms; " + pair.acceleratorSentence()
                    + "; checkpoint every " + pair.checkpointDelay().toMillis() + " ms.");
            printSides(out, pair.state(), null);
            String monitors = " --primary " + pair.primaryConsoleEndpoint().text() + " --secondary "
                    + pair.secondaryConsoleEndpoint().text() + probeArguments(pair.state().serviceProbes());
            out.println("Watch it with: colo-console watch" + monitors);
            if (pair.state().serviceProbes().primary().isPresent()) {
                // the lab's own probes: a failover is verified only once the survivor's guest answers
                out.println("Fail over with: colo-console failover --to primary|secondary" + monitors);
            }
            out.println("Stop it with:  colo-console lab stop" + runDirArgument(pair.runDir()));
            return ExitCodes.OK;
        } catch (LabException e) {
            err.println(e.getMessage());
            return ExitCodes.QEMU_ERROR;
        } finally {
            out.flush();
            err.flush();
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = {"Say whether each side of the lab runs, and its monitors.",
                    "Exit 0 when both run, 1 when one or both have stopped, 2 when there is no lab."})
    int status(@Option(names = "--run-dir", paramLabel = "DIR", description = "the lab's directory") Path runDir,
               @Option(names = "--json", description = "one JSON object instead of lines") boolean json) {
        PrintWriter out = spec.commandLine().getOut();
        Path dir = runDir(runDir);
        try {
            Optional<LabStatus> found = LabControl.status(dir);
            if (found.isEmpty()) {
                out.println("No lab is running in " + dir + "; start one with: colo-console lab start"
                        + runDirArgument(dir));
                return ExitCodes.UNREACHABLE;
            }
            LabStatus status = found.get();
            LabState state = status.state();
            Optional<CheckpointSample> sample = Optional.empty();
            String checkpoints;
            if (!status.allRunning()) {
                checkpoints = "none: a side has stopped.";
            } else {
                try {
                    sample = Optional.of(CheckpointWatch.watch(state.side(LabSide.PRIMARY).harness(),
                            CheckpointWatch.windowFor(state.checkpointDelay())));
                    checkpoints = sample.get().sentence() + ".";
                } catch (LabException e) {
                    checkpoints = "not counted: " + e.getMessage() + ".";
                }
            }
            if (json) {
                out.println(LabStatusJson.of(status, sample));
            } else {
                out.println("Lab (" + state.kind().name().toLowerCase(Locale.ROOT) + " pair) in "
                        + state.runDir() + ", started " + state.startedAt() + "; " + state.acceleratorSentence()
                        + "; checkpoint every " + state.checkpointDelay().toMillis() + " ms.");
                printSides(out, state, status);
                out.println("Checkpoints: " + checkpoints);
            }
            return status.allRunning() ? ExitCodes.OK : ExitCodes.QEMU_ERROR;
        } catch (LabException e) {
            spec.commandLine().getErr().println(e.getMessage());
            spec.commandLine().getErr().flush();
            return ExitCodes.QEMU_ERROR;
        } finally {
            out.flush();
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true,
            description = {"Stop the lab's two QEMUs (SIGTERM, SIGKILL after 3 s) and remove its directory.",
                    "Only processes the lab started are signalled. Exit 0 when the lab is gone (or was not there)."})
    int stop(@Option(names = "--run-dir", paramLabel = "DIR", description = "the lab's directory") Path runDir) {
        PrintWriter out = spec.commandLine().getOut();
        Path dir = runDir(runDir);
        try {
            Optional<LabStopReport> report = LabControl.stop(dir, LabOptions.defaults().stopGrace());
            if (report.isEmpty()) {
                out.println("No lab is running in " + dir + "; nothing to stop.");
                return ExitCodes.OK;
            }
            LabStopReport stopped = report.get();
            for (LabSide side : LabSide.values()) {
                long pid = stopped.before().state().side(side).pid();
                String how = !stopped.before().isRunning(side) ? "was not running"
                        : stopped.killed().contains(pid) ? "killed after ignoring SIGTERM" : "stopped";
                out.println(side.label() + " (pid " + pid + "): " + how);
            }
            out.println("Removed " + dir + " after " + stopped.took().toMillis() + " ms.");
            return ExitCodes.OK;
        } catch (LabException | UncheckedIOException e) {
            spec.commandLine().getErr().println(e.getMessage());
            spec.commandLine().getErr().flush();
            return ExitCodes.QEMU_ERROR;
        } finally {
            out.flush();
        }
    }

    @Command(name = "drill", mixinStandardHelpOptions = true,
            description = {"Test failover: start a full lab pair of its own, swap roles and swap back (the lab "
                    + "starts each new secondary), report each phase's time and the service probe's longest gap, "
                    + "and stop the pair.",
                    "Exit 0 when PASSED (both swaps protected, never two sides serving, the guest's disk counter "
                            + "advancing), 1 when FAILED (the last line says why)."})
    int drill(@Option(names = "--run-dir", paramLabel = "DIR", description = "private directory of the drill's lab "
                      + "(default: the lab's default with -drill)") Path runDir,
              @Option(names = "--checkpoint-delay", paramLabel = "DURATION", converter = DurationConverter.class,
                      description = "COLO's x-checkpoint-delay (default 2s)") Duration checkpointDelay,
              @Option(names = "--qemu", paramLabel = "PATH", defaultValue = LabOptions.DEFAULT_QEMU,
                      description = "the QEMU binary (default ${DEFAULT-VALUE})") String qemu,
              @Option(names = "--json", description = "one JSON object at the end instead of lines") boolean json)
            throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (trails == null) {
            err.println("This command was built without a journal; a drill journals its swaps.");
            err.flush();
            return ExitCodes.QEMU_ERROR;
        }
        Path dir = runDir != null ? runDir.toAbsolutePath().normalize()
                : Path.of(defaultRunDir.toAbsolutePath().normalize() + "-drill");
        LabDrill.Result result = new LabDrill(trails, claims.get(), out, json).run(dir, qemu,
                checkpointDelay != null ? checkpointDelay : LabOptions.DEFAULT_CHECKPOINT_DELAY);
        out.println(json ? LabDrill.toJson(result) : result.sentence());
        out.flush();
        return result.passed() ? ExitCodes.OK : ExitCodes.QEMU_ERROR;
    }

    private Path runDir(Path given) {
        return (given != null ? given : defaultRunDir).toAbsolutePath().normalize();
    }

    private String runDirArgument(Path dir) {
        return dir.equals(defaultRunDir.toAbsolutePath().normalize()) ? "" : " --run-dir " + dir;
    }

    /** The lab's probes as failover, watch and status take them; empty for a pair without a guest. */
    static String probeArguments(ServiceProbes probes) {
        return probes.primary().map(p -> " --probe-primary " + p.text()).orElse("")
                + probes.secondary().map(p -> " --probe-secondary " + p.text()).orElse("");
    }

    private static void printSides(PrintWriter out, LabState state, LabStatus status) {
        for (LabSide side : LabSide.values()) {
            LabState.SideState s = state.side(side);
            String running = status == null ? "running" : status.isRunning(side) ? "running" : "stopped";
            out.printf("%-9s %s (pid %d)  console %s  harness %s%s%n", side.label() + ":", running, s.pid(),
                    s.console().text(), s.harness().text(), s.serviceUrl().map(url -> "  guest " + url).orElse(""));
        }
    }
}
