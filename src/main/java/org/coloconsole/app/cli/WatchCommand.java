package org.coloconsole.app.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.coloconsole.app.PairSession;
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

    @Spec
    private CommandSpec spec;

    @Mixin
    private PairOptions pair;

    @Option(names = "--json", description = "one JSON object per line")
    private boolean json;

    @Option(names = "--for", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "stop after this long instead of at Ctrl-C")
    private Duration limit;

    public WatchCommand(AuditTrailFactory trails) {
        this.trails = trails;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (!json) {
            out.println("Watching the pair " + pair.name() + (limit == null ? " until Ctrl-C" : ""));
            out.flush();
        }
        CountDownLatch interrupted = new CountDownLatch(1);
        Thread hook = new Thread(interrupted::countDown, "watch-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        try (PairSession session = PairSession.open(pair.config(), trails, Clock.systemUTC());
             Subscription rows = session.supervisor().onLog(entry -> {
                 // log rows come from the one state thread, in order
                 out.println(json ? SnapshotText.json(entry) : SnapshotText.line(entry));
                 out.flush();
             })) {
            if (limit == null) {
                interrupted.await();
            } else {
                interrupted.await(limit.toMillis(), TimeUnit.MILLISECONDS);
            }
            return ExitCodes.OK;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // Ctrl-C: the JVM is on its way out, which is what the user asked for
            }
        }
    }
}
