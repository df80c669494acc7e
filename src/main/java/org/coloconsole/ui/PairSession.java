package org.coloconsole.ui;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import org.coloconsole.engine.LogEntry;
import org.coloconsole.ui.dashboard.FailoverPort;
import org.coloconsole.ui.dashboard.PairSnapshot;
import org.coloconsole.ui.jobs.JobsFeed;

/**
 * The console's live connection to one pair, as the window sees it. Listeners are called on the engine's threads,
 * never on the FX thread: the window crosses over through {@link FxThread}.
 */
public interface PairSession extends AutoCloseable {

    /** The newest state; calls {@code listener} with every later one. */
    PairSnapshot current();

    void onChange(Consumer<PairSnapshot> listener);

    void onLog(Consumer<LogEntry> listener);

    FailoverPort failover();

    /** The jobs pane's feed and actions, when this session can act on jobs. */
    default Optional<JobsFeed> jobs() {
        return Optional.empty();
    }

    /** Where this session journals, when it does. */
    Optional<Path> journalFile();

    /** Disconnects from both sides; idempotent. */
    @Override
    void close();
}
