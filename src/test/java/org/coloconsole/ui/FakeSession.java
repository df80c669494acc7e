package org.coloconsole.ui;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.coloconsole.colo.PairSnapshot;
import org.coloconsole.engine.LogEntry;
import org.coloconsole.qmp.Subscription;
import org.coloconsole.ui.dashboard.FailoverPort;

/** A session the test drives: it pushes snapshots and log rows from its own thread, as the engine would. */
final class FakeSession implements WindowSession {
    private final List<Consumer<PairSnapshot>> changes = new CopyOnWriteArrayList<>();
    private final List<Consumer<LogEntry>> logs = new CopyOnWriteArrayList<>();
    private final FailoverPort failover;
    private volatile PairSnapshot current;
    volatile boolean closed;

    FakeSession(PairSnapshot initial, FailoverPort failover) {
        this.current = initial;
        this.failover = failover;
    }

    /** The window on the lab's sockets, watched through this session; profiles in {@code dir}. */
    ConsoleWindow showOnLabSockets(javafx.stage.Stage stage, Path dir) {
        return showOnLabSockets(stage, dir, java.time.ZoneOffset.UTC, WindowMemory.none());
    }

    /** As above, with the desktop in {@code zone} and the window's state from {@code memory}. */
    ConsoleWindow showOnLabSockets(javafx.stage.Stage stage, Path dir, java.time.ZoneId zone, WindowMemory memory) {
        org.coloconsole.app.GuiLauncher.PairEndpoints pair = new org.coloconsole.app.GuiLauncher.PairEndpoints(
                org.coloconsole.qmp.Endpoint.parse("unix:/run/lab/primary-console.sock"),
                org.coloconsole.qmp.Endpoint.parse("unix:/run/lab/secondary-console.sock"));
        ConsoleContext context = new ConsoleContext(Optional.of(pair), (name, p, hb, options) -> this,
                () -> { throw new IllegalStateException("no lab in this test"); },
                new org.coloconsole.app.profile.ProfileStore(dir.resolve("profiles.json")), java.time.Clock.systemUTC(),
                zone, false);
        context = new ConsoleContext(context.initialPair(), context.initialSecurity(), context.connector(),
                context.lab(), context.profiles(), context.clock(), zone, false, false, memory, alert -> { });
        return ConsoleApp.show(stage, context);
    }

    void push(PairSnapshot snapshot) {
        current = snapshot;
        Thread t = new Thread(() -> changes.forEach(c -> c.accept(snapshot)), "fake-supervisor");
        t.start();
        join(t);
    }

    void log(LogEntry... rows) {
        Thread t = new Thread(() -> {
            for (LogEntry row : rows) {
                logs.forEach(l -> l.accept(row));
            }
        }, "fake-supervisor");
        t.start();
        join(t);
    }

    private static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override public PairSnapshot current() { return current; }
    @Override public Subscription onChange(Consumer<PairSnapshot> listener) {
        changes.add(listener);
        return () -> changes.remove(listener);
    }
    @Override public Subscription onLog(Consumer<LogEntry> listener) {
        logs.add(listener);
        return () -> logs.remove(listener);
    }
    @Override public FailoverPort failover() { return failover; }
    /** What the journal reports; a test sets it to a failing disk. */
    volatile org.coloconsole.engine.JournalHealth journalHealth = org.coloconsole.engine.JournalHealth.writing();

    @Override public org.coloconsole.engine.JournalHealth journalHealth() { return journalHealth; }

    @Override public Optional<Path> journalFile() { return Optional.of(Path.of("/tmp/journal/colo-console.jsonl")); }
    @Override public void close() { closed = true; }
}
