package org.coloconsole.app.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.coloconsole.app.PairSession;
import org.coloconsole.colo.FailoverInterlock;
import org.coloconsole.colo.FailoverPlan;
import org.coloconsole.colo.FailoverRequest;
import org.coloconsole.colo.FailoverStep;
import org.coloconsole.colo.InterlockDecision;
import org.coloconsole.colo.Side;
import org.coloconsole.colo.Topology;
import org.coloconsole.engine.AuditTrailFactory;
import org.coloconsole.engine.FailoverOutcome;
import org.coloconsole.engine.FenceSpec;
import org.coloconsole.engine.PairClaims;
import org.coloconsole.engine.StepReport;
import org.coloconsole.qmp.Subscription;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code colo-console failover --to secondary|primary}: the runbook, step by step, verified. */
@Command(name = "failover", mixinStandardHelpOptions = true,
        description = {"Run the failover runbook: fence the other side, lost-heartbeat the chosen one, verify.",
                "When the other side does not answer and has a fence action (--fence-… or the profile's), that "
                        + "runs first: a successful fence proves it down, so --other-side-fenced is not needed.",
                "Exit 0 only when the outcome is verified; 1 when refused or failed; 2 when neither side answers."})
public final class FailoverCommand implements Callable<Integer> {
    private final AuditTrailFactory trails;
    private final Supplier<PairClaims> claims;

    @Spec
    private CommandSpec spec;

    @Mixin
    private PairOptions pair;

    @Mixin
    private FenceOptions fence;

    @Option(names = "--to", required = true, paramLabel = "SIDE", description = "secondary (promote it) or primary "
            + "(continue on it)", converter = SideConverter.class)
    private Side target;

    @Option(names = "--yes", description = "do not ask for confirmation")
    private boolean yes;

    @Option(names = "--other-side-fenced", description = "I have fenced the other side's host (needed when the "
            + "console cannot reach it to stop it and has no fence action for it, or that fence fails)")
    private boolean otherSideFenced;

    @Option(names = "--quit-fenced", description = "also quit the fenced side's QEMU, not only stop its guest")
    private boolean quitFenced;

    @Option(names = "--no-yank", description = "do not yank the chosen side's migration connection first")
    private boolean noYank;

    @Option(names = "--wait", defaultValue = "3s", converter = DurationConverter.class,
            description = "how long to wait for both sides to answer first (default ${DEFAULT-VALUE})")
    private Duration wait;

    public FailoverCommand(AuditTrailFactory trails, Supplier<PairClaims> claims) {
        this.trails = trails;
        this.claims = claims;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        FailoverRequest request = new FailoverRequest(target, otherSideFenced);
        FailoverPlan.Options options = new FailoverPlan.Options(quitFenced, !noYank);
        Map<Side, FenceSpec> fences = fence.fences(spec.commandLine(), pair.profileFences());
        try (PairSession session = PairSession.open(pair.config(), trails, Clock.systemUTC(), claims.get(), fences);
             Subscription journalHealth = session.onJournalHealthChange(health -> {
                 err.println(PairSession.journalHealthLine(health, session.supervisor().auditLocation()));
                 err.flush();
             });
             // the fence action, when the runbook runs one, is said as it goes (its log rows)
             Subscription fenceRows = session.supervisor().onLog(entry -> {
                 if (entry.name().equals("FENCE")) {
                     out.println("  " + SnapshotText.line(entry));
                     out.flush();
                 }
             })) {
            session.awaitKnown(wait);
            var snapshot = session.supervisor().settled().get();
            out.println(SnapshotText.header(pair.name()));
            SnapshotText.lines(snapshot).forEach(out::println);
            out.println("Journal: " + session.supervisor().auditLocation());
            if (!snapshot.state().primary().answering() && !snapshot.state().secondary().answering()) {
                err.println("Neither side answers; nothing was sent.");
                return ExitCodes.UNREACHABLE;
            }
            // where the other side's fence action runs first, the plan is the one a successful fence allows
            InterlockDecision preview = FailoverInterlock.preview(snapshot.state(), request, snapshot.at(),
                    fences.keySet());
            if (!preview.allowed()) {
                err.println("Refused: " + FlagHints.add(preview.sentence()));
                return ExitCodes.QEMU_ERROR;
            }
            out.println(preview.sentence());
            out.println("Plan to " + request.action() + ":");
            Topology survivor = session.runner().discover(target);
            out.println("The " + target.label() + "'s COLO: " + survivor.summary());
            List<FailoverStep> plan = FailoverPlan.plan(preview, request, options, survivor);
            for (FailoverStep step : plan) {
                out.println("  " + step.command() + " → " + step.side().label() + ": " + step.sentence());
            }
            out.flush();
            if (!yes && !confirmed(out, request, pair.name())) {
                err.println("Not confirmed; nothing was sent.");
                return ExitCodes.QEMU_ERROR;
            }
            FailoverOutcome outcome = session.runner().run(request, options, report -> print(out, report))
                    .get(60 + pair.config().probes().within().toSeconds(), TimeUnit.SECONDS);
            if (outcome.verified()) {
                out.printf("VERIFIED in %d ms (QEMU %d ms): %s%n", outcome.total().toMillis(),
                        outcome.qemuTime().toMillis(), outcome.sentence());
                out.flush();
                return ExitCodes.OK;
            }
            err.println(switch (outcome.result()) {
                case REFUSED -> "Refused: ";
                case ABANDONED -> "ABANDONED: ";
                case VERIFIED, FAILED -> "FAILED: ";
            } + FlagHints.add(outcome.sentence()));
            return ExitCodes.QEMU_ERROR;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static void print(PrintWriter out, StepReport report) {
        if (report.status() != StepReport.Status.RUNNING) {
            out.printf("  [%d/%d] %-7s %s (%d ms)%n", report.index(), report.total(), report.status(),
                    report.sentence(), report.took().toMillis());
            out.flush();
        }
    }

    /** Asks the operator to type the action; no terminal (no stdin) means no confirmation. */
    private boolean confirmed(PrintWriter out, FailoverRequest request, String pairName) throws IOException {
        String expected = request.target() == Side.SECONDARY ? "promote secondary" : "continue on primary";
        out.print("Pair " + pairName + ": type '" + expected + "' to go ahead: ");
        out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String answer = in.readLine();
        return answer != null && answer.strip().equalsIgnoreCase(expected);
    }
}
