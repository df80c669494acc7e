package org.coloconsole.app.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.coloconsole.app.PairSession;
import org.coloconsole.colo.ReprotectCheck;
import org.coloconsole.colo.ReprotectFacts;
import org.coloconsole.colo.ReprotectOptions;
import org.coloconsole.colo.ReprotectPlan;
import org.coloconsole.colo.ReprotectStep;
import org.coloconsole.colo.Side;
import org.coloconsole.engine.AuditTrailFactory;
import org.coloconsole.engine.ReprotectOutcome;
import org.coloconsole.engine.ReprotectReport;
import org.coloconsole.engine.PairClaims;
import org.coloconsole.engine.Reprotection;
import org.coloconsole.engine.StepReport;
import org.coloconsole.qmp.Endpoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code colo-console reprotect --primary SURVIVOR --secondary NEW}: restores COLO protection after a failover, onto a
 * new secondary started with {@code -incoming defer} (docs/colo-full-pair.md, "Resume replication on the survivor").
 */
@Command(name = "reprotect", mixinStandardHelpOptions = true,
        description = {"Restore protection after a failover: --primary is the survivor that runs alone, --secondary "
                + "a new QEMU started with the secondary's disks, filters and chardevs and -incoming defer.",
                "Exit 0 when both sides are in COLO again with checkpoints flowing (and the probe green); 1 when "
                        + "refused or failed (what was added is taken back); 2 when a side does not answer."})
public final class ReprotectCommand implements Callable<Integer> {
    private final AuditTrailFactory trails;
    private final java.util.function.Supplier<PairClaims> claims;

    @Spec
    private CommandSpec spec;

    @Mixin
    private PairOptions pair;

    @Option(names = "--yes", description = "do not ask for confirmation")
    private boolean yes;

    @Option(names = "--print-command-line", description = "print the command line the new secondary needs, derived "
            + "from the survivor, and exit")
    private boolean printCommandLine;

    @Option(names = "--nbd", paramLabel = "HOST:PORT", description = "the new side's NBD server (default: a free "
            + "port on the new side's loopback host)")
    private String nbd;

    @Option(names = "--incoming", paramLabel = "tcp:HOST:PORT", description = "the new side's migration address "
            + "(default: a free port on the new side's loopback host)")
    private String incoming;

    @Option(names = "--export", defaultValue = ReprotectOptions.GUIDE_EXPORT, paramLabel = "DRIVE",
            description = "the new side's drive that receives the survivor's disk (default ${DEFAULT-VALUE})")
    private String export;

    @Option(names = "--checkpoint-delay", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "x-checkpoint-delay (default: the survivor's own)")
    private Duration checkpointDelay;

    @Option(names = "--mirror-within", defaultValue = "10m", converter = DurationConverter.class,
            paramLabel = "DURATION", description = "how long the disk copy may take (default ${DEFAULT-VALUE})")
    private Duration mirrorWithin;

    @Option(names = "--colo-within", defaultValue = "30s", converter = DurationConverter.class,
            paramLabel = "DURATION", description = "how long COLO may take to come up after migrate (default "
            + "${DEFAULT-VALUE})")
    private Duration coloWithin;

    @Option(names = "--wait", defaultValue = "3s", converter = DurationConverter.class,
            description = "how long to wait for both sides to answer first (default ${DEFAULT-VALUE})")
    private Duration wait;

    public ReprotectCommand(AuditTrailFactory trails, java.util.function.Supplier<PairClaims> claims) {
        this.trails = trails;
        this.claims = claims;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (PairSession session = PairSession.open(pair.config(), trails, Clock.systemUTC())) {
            session.awaitKnown(wait);
            var state = session.supervisor().snapshot().state();
            for (Side side : Side.values()) {
                if (!state.side(side).answering()) {
                    err.println("The " + (side == Side.PRIMARY ? "survivor (--primary)" : "new side (--secondary)")
                            + " does not answer; nothing was sent.");
                    return ExitCodes.UNREACHABLE;
                }
            }
            out.println("Journal: " + session.supervisor().auditLocation());
            Duration delay = checkpointDelay != null ? checkpointDelay
                    : state.primary().checkpointDelay().orElse(Duration.ofSeconds(20));
            Reprotection reprotection = new Reprotection(session.supervisor(), Duration.ofSeconds(5),
                    new Reprotection.Timeouts(mirrorWithin, coloWithin, delay.multipliedBy(3).plusSeconds(5)),
                    claims.get());
            ReprotectFacts facts = reprotection.read();
            if (printCommandLine) {
                ReprotectPlan.expectedSecondary(facts.survivor()).forEach(out::println);
                return ExitCodes.OK;
            }
            out.println("Survivor: " + facts.survivor().summary() + " (QEMU " + facts.survivorVersion() + ")");
            out.println("New side: " + facts.fresh().summary() + " (QEMU " + facts.freshVersion() + ", "
                    + facts.freshRun().raw() + ")");
            ReprotectOptions options = options(delay);
            List<ReprotectCheck.Problem> problems = ReprotectCheck.problems(facts, options);
            if (!problems.isEmpty()) {
                problems.forEach(p -> err.println("Refused: " + p.sentence()));
                err.println("The new secondary needs (from the survivor's topology):");
                ReprotectPlan.expectedSecondary(facts.survivor()).forEach(err::println);
                return ExitCodes.QEMU_ERROR;
            }
            out.println("Plan to restore protection:");
            for (ReprotectStep step : ReprotectPlan.plan(facts, options)) {
                out.println("  " + step.command() + " → " + (step.side() == Side.PRIMARY ? "survivor" : "new side")
                        + ": " + step.sentence());
            }
            out.flush();
            if (!yes && !confirmed(out)) {
                err.println("Not confirmed; nothing was sent.");
                return ExitCodes.QEMU_ERROR;
            }
            ReprotectOutcome outcome = reprotection.run(options, report -> print(out, report));
            if (outcome.protectedAgain()) {
                out.printf("PROTECTED in %d ms%s%s: %s%n", outcome.total().toMillis(),
                        outcome.mirror().map(m -> ", copy " + m.toMillis() + " ms").orElse(""),
                        outcome.outage().map(o -> ", guest stopped " + o.toMillis() + " ms").orElse(""),
                        outcome.sentence());
                return ExitCodes.OK;
            }
            err.println((outcome.result() == ReprotectOutcome.Result.REFUSED ? "Refused: " : "FAILED: ")
                    + outcome.sentence());
            return ExitCodes.QEMU_ERROR;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private ReprotectOptions options(Duration delay) throws IOException {
        String host = loopbackHost(pair.secondary);
        String nbdHost = host;
        int nbdPort;
        if (nbd != null) {
            int colon = nbd.lastIndexOf(':');
            nbdHost = nbd.substring(0, Math.max(0, colon));
            nbdPort = Integer.parseInt(nbd.substring(colon + 1));
        } else {
            nbdPort = freePort(host);
        }
        String uri = incoming != null ? incoming : "tcp:" + host + ":" + freePort(host);
        String survivorHost = loopbackHost(pair.primary);
        return new ReprotectOptions(nbdHost, nbdPort, uri, export, survivorHost, freePort(survivorHost),
                freePort(survivorHost), delay);
    }

    /** The console chooses addresses only on loopback, where it can tell a free port; elsewhere the flags say. */
    private String loopbackHost(Endpoint endpoint) {
        if (endpoint instanceof Endpoint.Unix) {
            return "127.0.0.1";
        }
        String host = endpoint instanceof Endpoint.Tcp tcp ? tcp.host() : "";
        if (host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1")) {
            return host.equals("localhost") ? "127.0.0.1" : host;
        }
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "The console picks the NBD and "
                + "migration addresses only for a pair on loopback; give --nbd and --incoming for " + endpoint.text());
    }

    private static int freePort(String host) throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return socket.getLocalPort();
        }
    }

    private static void print(PrintWriter out, ReprotectReport report) {
        if (report.status() != StepReport.Status.RUNNING || report.sentence().startsWith("copying")) {
            out.printf("  [%d/%d] %-7s %s (%d ms)%n", report.index(), report.total(), report.status(),
                    report.sentence(), report.took().toMillis());
            out.flush();
        }
    }

    private static boolean confirmed(PrintWriter out) throws IOException {
        String expected = "restore protection";
        out.print("Type '" + expected + "' to go ahead: ");
        out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String answer = in.readLine();
        return answer != null && answer.strip().equalsIgnoreCase(expected);
    }
}
