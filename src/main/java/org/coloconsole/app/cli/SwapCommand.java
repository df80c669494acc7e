package org.coloconsole.app.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.concurrent.Callable;
import org.coloconsole.app.RestoreAddresses;
import org.coloconsole.colo.ReprotectOptions;
import org.coloconsole.colo.SwitchoverPlan;
import org.coloconsole.engine.AuditTrail;
import org.coloconsole.engine.AuditTrailFactory;
import org.coloconsole.engine.PairClaims;
import org.coloconsole.engine.PairConfig;
import org.coloconsole.engine.Switchover;
import org.coloconsole.engine.SwitchoverOutcome;
import org.coloconsole.qmp.Endpoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code colo-console swap}: a planned switchover, for maintenance of the primary's host (docs/colo-full-pair.md,
 * "Swapping roles from the console"): promote the secondary as a planned failover that quits the old primary's QEMU,
 * then restore protection onto a new secondary on the old primary's host, which the operator starts when asked.
 */
@Command(name = "swap", mixinStandardHelpOptions = true,
        description = {"Swap roles: promote the secondary (the primary's QEMU is stopped and quit), then restore "
                + "protection onto a new secondary on the old primary's host (--new-secondary: its monitor; the "
                + "command prints its command line and waits until it answers).",
                "Exit 0 when the roles are swapped and the pair is protected again; 1 when refused or failed (the "
                        + "last line says in what state the pair is left); 2 when a side does not answer."})
public final class SwapCommand implements Callable<Integer> {
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

    @Option(names = "--new-secondary", required = true, paramLabel = "ENDPOINT", converter = EndpointConverter.class,
            description = "the monitor the new secondary will have on the old primary's host (it may be the old "
                    + "primary's own: that QEMU is quit first)")
    private Endpoint newSecondary;

    @Option(names = "--new-secondary-within", defaultValue = "30m", converter = DurationConverter.class,
            paramLabel = "DURATION", description = "how long to wait for the new secondary's monitor (default "
            + "${DEFAULT-VALUE})")
    private Duration newSecondaryWithin;

    @Option(names = "--wait", defaultValue = "3s", converter = DurationConverter.class,
            description = "how long to wait for both sides to answer first (default ${DEFAULT-VALUE})")
    private Duration wait;

    public SwapCommand(AuditTrailFactory trails, Supplier<PairClaims> claims) {
        this.trails = trails;
        this.claims = claims;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PairConfig config = pair.config();
        try (AuditTrail journal = SwapSupport.journal(trails);
             SwapSession first = SwapSession.open(config, journal)) {
            first.awaitKnown(wait);
            var snapshot = first.supervisor().snapshot();
            out.println(SnapshotText.header(pair.name()));
            SnapshotText.lines(snapshot).forEach(out::println);
            out.println("Journal: " + journal.location());
            if (!snapshot.state().primary().answering() || !snapshot.state().secondary().answering()) {
                err.println("Refused: a planned swap needs both sides answering; nothing was sent.");
                return ExitCodes.UNREACHABLE;
            }
            List<String> refusals = SwitchoverPlan.refusals(SwitchoverPlan.Start.of(snapshot.state(),
                    first.supervisor().clock().instant()));
            if (!refusals.isEmpty()) {
                refusals.forEach(r -> err.println("Refused: " + r));
                return ExitCodes.QEMU_ERROR;
            }
            Duration delay = restore.checkpointDelay(snapshot.state().primary().checkpointDelay());
            Optional<ReprotectOptions> options;
            try {
                options = RestoreAddresses.choose(config.secondary(), newSecondary, restore.nbd, restore.incoming,
                        ReprotectOptions.GUIDE_EXPORT, delay);
            } catch (IllegalArgumentException e) {
                err.println(e.getMessage() + " Nothing was sent.");
                return ExitCodes.QEMU_ERROR;
            }
            if (options.isEmpty()) {
                err.println(RestoreAddresses.needFlags(config.secondary(), newSecondary));
                return ExitCodes.QEMU_ERROR;
            }
            out.println("Plan to swap roles:");
            out.println("  1. " + "promote the secondary: a planned failover — stop and quit the primary's QEMU ("
                    + config.primary().text() + "), the secondary leaves COLO and serves alone; verified by its "
                    + "service probe.");
            out.println("  2. start the new secondary on the old primary's host with -incoming defer: you start it "
                    + "(the command line is printed then); waits for " + newSecondary.text() + ".");
            out.println("  3. restore protection from the promoted side onto the new secondary (copy the disk, "
                    + "then a short stop of the guest while COLO starts).");
            out.flush();
            if (!yes && !confirmed(out, pair.name())) {
                err.println("Not confirmed; nothing was sent.");
                return ExitCodes.QEMU_ERROR;
            }
            Switchover switchover = new Switchover(journal, SwapSession.on(journal),
                    claims.get(), settings(delay), Clock.systemUTC());
            SwitchoverOutcome outcome = switchover.run(first, newSecondary,
                    new OperatorNewSecondary(config, newSecondaryWithin), options.get(), line -> {
                        out.println(line);
                        out.flush();
                    });
            SwapSupport.summary(outcome).forEach(out::println);
            if (outcome.swapped()) {
                out.println("SWAPPED: " + outcome.sentence());
                return ExitCodes.OK;
            }
            err.println((outcome.refused() ? "Refused: " : "NOT SWAPPED (" + outcome.ending() + "): ")
                    + outcome.sentence());
            return ExitCodes.QEMU_ERROR;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private Switchover.Settings settings(Duration delay) {
        return new Switchover.Settings(Duration.ofSeconds(5), Duration.ofSeconds(5),
                restore.timeouts(delay), wait);
    }

    private static boolean confirmed(PrintWriter out, String pairName) throws IOException {
        String expected = "swap roles";
        out.print("Pair " + pairName + ": type '" + expected + "' to go ahead: ");
        out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String answer = in.readLine();
        return answer != null && answer.strip().equalsIgnoreCase(expected);
    }
}
