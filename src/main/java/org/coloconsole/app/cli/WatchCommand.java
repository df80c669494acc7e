package org.coloconsole.app.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import org.coloconsole.app.PairSession;
import java.util.function.Supplier;
import org.coloconsole.colo.Side;
import org.coloconsole.engine.AutoFailover;
import org.coloconsole.engine.FenceSpec;
import org.coloconsole.engine.PairClaims;
import org.coloconsole.engine.MonotonicClock;
import org.coloconsole.engine.PairConfig;
import org.coloconsole.engine.AuditTrailFactory;
import org.coloconsole.qmp.Subscription;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code colo-console watch}: one line per event, state change and recommendation change, until interrupted. */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = "Print one line per event, state change and recommendation change until interrupted.")
public final class WatchCommand implements Callable<Integer> {
    private final AuditTrailFactory trails;
    private final Supplier<PairClaims> claims;

    @Spec
    private CommandSpec spec;

    @Mixin
    private PairOptions pair;

    @Mixin
    private AutoFailoverOptions autoFailover;

    @Mixin
    private FenceOptions fence;

    @Option(names = "--json", description = "one JSON object per line")
    private boolean json;

    @Option(names = "--for", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "stop after this long instead of at Ctrl-C")
    private Duration limit;

    public WatchCommand(AuditTrailFactory trails, Supplier<PairClaims> claims) {
        this.trails = trails;
        this.claims = claims;
    }

    /** Longer than a runbook's bounded steps: the failover runner's own wait for its outcome is 60 s. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(90);

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PairConfig config = pair.config();
        Duration grace = autoFailover.grace(spec.commandLine());
        Map<Side, FenceSpec> fences = fence.fences(spec.commandLine(), pair.profileFences());
        PrintWriter err = spec.commandLine().getErr();
        if (!json) {
            out.println("Watching the pair " + pair.name() + (limit == null ? " until Ctrl-C" : ""));
            out.flush();
        }
        CountDownLatch interrupted = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        // Ctrl-C ends the watch, but the JVM must not halt under a running runbook or fence: the hook waits until
        // the session has closed (which waits for a runbook's outcome) before the JVM goes on to halt
        Thread hook = new Thread(() -> {
            interrupted.countDown();
            try {
                closed.await(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "watch-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        try (PairSession session = PairSession.open(config, trails, Clock.systemUTC(), claims.get(), fences);
             Subscription rows = session.supervisor().onLog(entry -> {
                 // log rows come from the one state thread, in order
                 out.println(json ? SnapshotText.json(entry) : SnapshotText.line(entry));
                 out.flush();
             });
             AutoFailover auto = new AutoFailover(session.supervisor(), session.runner(), autoFailover.enabled,
                     grace, MonotonicClock.system());
             Subscription journalHealth = session.onJournalHealthChange(health -> {
                 err.println(PairSession.journalHealthLine(health, session.supervisor().auditLocation()));
                 err.flush();
             })) {
            // the same policy as the window's; its decisions and countdown come out as AUTO rows of the log
            auto.start();
            if (limit == null) {
                interrupted.await();
            } else {
                interrupted.await(limit.toMillis(), TimeUnit.MILLISECONDS);
            }
            return ExitCodes.OK;
        } finally {
            closed.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // Ctrl-C: the JVM is on its way out, which is what the user asked for
            }
        }
    }
}
