package org.coloconsole.ui;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.coloconsole.colo.Alert;
import org.coloconsole.colo.PairSnapshot;
import org.coloconsole.engine.JournalHealth;
import org.coloconsole.engine.LogEntry;
import org.coloconsole.qmp.Subscription;
import org.coloconsole.ui.dashboard.AutoFailoverPort;
import org.coloconsole.ui.dashboard.FailoverPort;
import org.coloconsole.ui.fx.FxThread;
import org.coloconsole.ui.jobs.JobsFeed;
import org.coloconsole.ui.restore.RestorePort;

/**
 * The console's live connection to one pair, as the window sees it. Listeners are called on the engine's threads,
 * never on the FX thread: the window crosses over through {@link FxThread}.
 */
public interface WindowSession extends AutoCloseable {

    /** The newest state. */
    PairSnapshot current();

    /** Calls {@code listener} with every later state until the returned handle is closed. */
    Subscription onChange(Consumer<PairSnapshot> listener);

    /** Calls {@code listener} with every later log row until the returned handle is closed. */
    Subscription onLog(Consumer<LogEntry> listener);

    FailoverPort failover();

    /**
     * Sends an alert the window raised beyond it (the desktop notification, the profile's alert command), rate-limited
     * and journaled; returns at once. Nowhere by default (the tests' sessions).
     */
    default void alert(Alert alert) {
    }

    /** The jobs pane's feed and actions, when this session can act on jobs. */
    default Optional<JobsFeed> jobs() {
        return Optional.empty();
    }

    /** Whether a failover runbook runs now: leaving the pair then waits for it or asks. */
    default boolean failoverRunning() {
        return false;
    }

    /** Completes once no failover runbook runs (at once when none does). */
    default CompletableFuture<Void> failoverIdle() {
        return CompletableFuture.completedFuture(null);
    }

    /** Asks a running runbook to end where that is safe: before it promotes; after that it runs to its end. */
    default void stopFailoverSafely() {
    }

    /** The automatic-failover policy's countdown and cancel, when the pair's profile turns it on. */
    default Optional<AutoFailoverPort> autoFailover() {
        return Optional.empty();
    }

    /**
     * Restoring protection onto this session's secondary, its primary being the survivor, when this session can run
     * it (the dialog opens the session on that pair first).
     */
    default Optional<RestorePort> restore() {
        return Optional.empty();
    }

    /** Where this session journals, when it does. */
    Optional<Path> journalFile();

    /** Whether the journal writes now; a session without one reports writing (its absence shows as "off"). */
    default JournalHealth journalHealth() {
        return JournalHealth.writing();
    }

    /**
     * Disconnects from both sides; idempotent. Blocks while a failover runs (it is never cut off): call it off the
     * FX thread.
     */
    @Override
    void close();
}
