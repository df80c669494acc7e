package org.coloconsole.app.cli;

import java.time.Clock;
import java.time.Duration;
import org.coloconsole.app.PairSession;
import org.coloconsole.colo.PairSnapshot;
import org.coloconsole.engine.AuditTrailFactory;
import picocli.CommandLine.Option;

/** For commands that read the pair once and print it: how long to wait for both sides, and JSON or columns. */
final class SnapshotOptions {
    @Option(names = "--json", description = "one JSON object instead of columns")
    boolean json;

    @Option(names = "--wait", defaultValue = "3s", converter = DurationConverter.class,
            description = "how long to wait for both sides to answer (default ${DEFAULT-VALUE})")
    Duration wait;

    /** Connects to both sides, waits until each is known (or {@code --wait} passes), and returns what was seen. */
    PairSnapshot take(PairOptions pair, AuditTrailFactory trails) throws Exception {
        try (PairSession session = PairSession.open(pair.config(), trails, Clock.systemUTC())) {
            session.awaitKnown(wait);
            return session.supervisor().settled().get();
        }
    }
}
