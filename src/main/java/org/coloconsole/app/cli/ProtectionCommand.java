package org.coloconsole.app.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.concurrent.Callable;
import org.coloconsole.app.PairSession;
import org.coloconsole.app.RestoreAddresses;
import org.coloconsole.colo.ProtectionHistory;
import org.coloconsole.colo.ReprotectCheck;
import org.coloconsole.colo.ReprotectFacts;
import org.coloconsole.colo.ReprotectOptions;
import org.coloconsole.colo.ReprotectPlan;
import org.coloconsole.colo.ReprotectStep;
import org.coloconsole.colo.Side;
import org.coloconsole.engine.AuditTrailFactory;
import org.coloconsole.engine.PairClaims;
import org.coloconsole.engine.ReprotectOutcome;
import org.coloconsole.engine.ReprotectReport;
import org.coloconsole.engine.Reprotection;
import org.coloconsole.engine.StepReport;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What {@code colo-console protect} and {@code reprotect} share: the options and the flow. Both run the same
 * {@link Reprotection} (docs/colo-full-pair.md, "Resume replication on the survivor"); what the primary-to-be's
 * history is ({@link ProtectionHistory}, read from QEMU, not from the command's name) sets the words.
 */
abstract class ProtectionCommand implements Callable<Integer> {
    private final AuditTrailFactory trails;
    private final Supplier<PairClaims> claims;

    @Spec
    private CommandSpec spec;

    @Mixin
    private PairOptions pair;

    @Mixin
    private RestoreOptions restore;

    @Option(names = "--yes", description = "do not ask for confirmation")
    private boolean yes;

    @Option(names = "--print-command-line", description = "print the command line the new secondary needs, derived "
            + "from the survivor, and exit")
    private boolean printCommandLine;

    @Option(names = "--export", defaultValue = ReprotectOptions.GUIDE_EXPORT, paramLabel = "DRIVE",
            description = "the new side's drive that receives the survivor's disk (default ${DEFAULT-VALUE})")
    private String export;

    @Option(names = "--wait", defaultValue = "3s", converter = DurationConverter.class,
            description = "how long to wait for both sides to answer first (default ${DEFAULT-VALUE})")
    private Duration wait;

    ProtectionCommand(AuditTrailFactory trails, Supplier<PairClaims> claims) {
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
            Duration delay = restore.checkpointDelay(state.primary().checkpointDelay());
            Reprotection reprotection = new Reprotection(session.supervisor(), Duration.ofSeconds(5),
                    restore.timeouts(delay),
                    claims.get());
            ReprotectFacts facts = reprotection.read();
            if (printCommandLine) {
                ReprotectPlan.expectedSecondary(facts.survivor()).forEach(out::println);
                return ExitCodes.OK;
            }
            ProtectionHistory history = facts.history();
            out.println(capitalized(history.primary()) + ": " + facts.survivor().summary() + " (QEMU "
                    + facts.survivorVersion() + ", last COLO mode " + facts.survivorLastMode().raw() + ")");
            out.println(capitalized(history.secondary()) + ": " + facts.fresh().summary() + " (QEMU "
                    + facts.freshVersion() + ", " + facts.freshRun().raw() + ")");
            ReprotectOptions options = options(delay);
            List<ReprotectCheck.Problem> problems = ReprotectCheck.problems(facts, options);
            if (!problems.isEmpty()) {
                problems.forEach(p -> err.println("Refused: " + p.sentence()));
                err.println("The new secondary needs (from " + history.primary() + "'s topology):");
                ReprotectPlan.expectedSecondary(facts.survivor()).forEach(err::println);
                return ExitCodes.QEMU_ERROR;
            }
            ReprotectPlan.Outline outline = ReprotectPlan.outline(facts, options);
            out.println("Plan to " + history.action() + ":");
            for (ReprotectStep step : outline.steps()) {
                out.println("  " + step.command() + " → " + (step.side() == Side.PRIMARY ? history.primary()
                        : history.secondary()) + ": " + step.sentence());
            }
            outline.skipped().forEach(skip -> out.println("  (skipped) " + skip.sentence()));
            out.flush();
            if (!yes && !confirmed(out, history.action())) {
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
        try {
            return RestoreAddresses.choose(pair.primary, pair.secondary, restore.nbd, restore.incoming, export,
                    delay)
                    .orElseThrow(() -> new ParameterException(spec.commandLine(),
                            RestoreAddresses.needFlags(pair.primary, pair.secondary)));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    private static void print(PrintWriter out, ReprotectReport report) {
        if (report.status() != StepReport.Status.RUNNING || report.sentence().startsWith("copying")) {
            out.printf("  [%d/%d] %-7s %s (%d ms)%n", report.index(), report.total(), report.status(),
                    report.sentence(), report.took().toMillis());
            out.flush();
        }
    }

    private static String capitalized(String words) {
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static boolean confirmed(PrintWriter out, String expected) throws IOException {
        out.print("Type '" + expected + "' to go ahead: ");
        out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String answer = in.readLine();
        return answer != null && answer.strip().equalsIgnoreCase(expected);
    }
}
