package org.coloconsole.app.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.coloconsole.app.PairSession;
import org.coloconsole.colo.PairSnapshot;
import org.coloconsole.engine.AuditTrailFactory;
import picocli.CommandLine.Option;

/** For commands that read the pair once and print it: how long to wait for both sides, and JSON or columns. */
final class SnapshotOptions {
    @Option(names = "--json", description = "one JSON object instead of columns")
    boolean json;

    @Option(names = "--wait", defaultValue = "3s", converter = DurationConverter.class,
            description = {"how long to wait for both sides to answer (default ${DEFAULT-VALUE}); a pair in COLO is then "
                    + "watched until a checkpoint shows that replication flows, at most two checkpoint intervals"})
    Duration wait;

    /**
     * Reads the pair once, prints it as {@code --json} asks, and returns the command's exit code for what it read.
     */
    int print(PairOptions pair, AuditTrailFactory trails, PrintWriter out, Function<PairSnapshot, String> asJson,
              Function<PairSnapshot, List<String>> asLines, ToIntFunction<PairSnapshot> exitCode) throws Exception {
        PairSnapshot snapshot = take(pair, trails);
        if (json) {
            out.println(asJson.apply(snapshot));
        } else {
            out.println(SnapshotText.header(pair.name()));
            asLines.apply(snapshot).forEach(out::println);
        }
        out.flush();
        return exitCode.applyAsInt(snapshot);
    }

    /** Neither side answers: nothing was read. */
    static boolean unreachable(PairSnapshot snapshot) {
        return !snapshot.state().primary().answering() && !snapshot.state().secondary().answering();
    }

    /**
     * Connects to both sides, waits until each is known (or {@code --wait} passes) and, for a pair in COLO, until a
     * checkpoint shows whether replication flows; returns what was seen.
     */
    PairSnapshot take(PairOptions pair, AuditTrailFactory trails) throws Exception {
        try (PairSession session = PairSession.open(pair.config(), trails, Clock.systemUTC())) {
            if (session.awaitKnown(wait)) {
                session.awaitCheckpointVerdict();
            }
            return session.supervisor().settled().get();
        }
    }
}
