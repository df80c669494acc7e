package org.coloconsole.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.coloconsole.app.GuiLauncher.PairEndpoints;
import org.coloconsole.app.profile.ProfileStore;
import org.coloconsole.engine.JournalAuditTrail;
import org.coloconsole.engine.LogEntry;
import org.coloconsole.ui.ConsoleApp;
import org.coloconsole.ui.ConsoleContext;
import org.coloconsole.ui.PairConnector;
import org.coloconsole.ui.WindowSession;
import org.coloconsole.ui.SupervisorSession;

/**
 * The real console window (journaled supervisor session, dashboard, log) on two {@link FloodPeer}s that send events
 * at a steady rate, each stamped with the time it is written. Records, on the FX thread:
 * <ul>
 *   <li>pulse gaps: an {@link AnimationTimer}'s frame-to-frame times;</li>
 *   <li>event-to-row latency: the event's QEMU timestamp to the moment the row is added to the table's list;</li>
 * </ul>
 * and heap used and VmRSS before the flood, after the measured flood, after all events, and after a GC.
 *
 * <p>Run under Xvfb: {@code xvfb-run -a -s "-screen 0 1280x800x24" java ... UiFloodBench [events/s, default 10000]
 * [measured seconds, default 60] [events in total, default 1,000,000]}. After the measured seconds the peers go on at
 * the same rate until the total is sent (so the memory figures are "after 1,000,000 events"). Bounded: every wait
 * has a limit, and the whole run stops after measured seconds × 3 + 120 s.
 */
public final class UiFloodBench {
    private static final long STALL_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(30);

    /** Per phase: 0 idle window (the machine's own noise), 1 the measured flood, 2 the rest up to the total. */
    private final Histogram[] pulseGaps = {new Histogram(), new Histogram(), new Histogram()};
    private final Histogram[] latency = {new Histogram(), new Histogram(), new Histogram()};
    private static final int IDLE_SECONDS = 10;
    private volatile int phase;
    private volatile long eventRows;
    private volatile int keptRows;

    private UiFloodBench() {
    }

    public static void main(String[] args) throws Exception {
        double rate = args.length > 0 ? Double.parseDouble(args[0]) : 10_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        long total = args.length > 2 ? Long.parseLong(args[2]) : 1_000_000;
        System.out.printf(Locale.ROOT, "ui flood: %,.0f events/s over both sides, %d s measured, %,d in total; "
                        + "%s, %d cores, load %s, %s %s, max heap %s%n", rate, seconds, total, LocalDate.now(),
                Runtime.getRuntime().availableProcessors(), Machine.loadAverage(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), Machine.megabytes(Runtime.getRuntime().maxMemory()));
        Path dir = Files.createTempDirectory("ui-flood");
        Thread watchdog = new Thread(() -> {
            try {
                TimeUnit.SECONDS.sleep(seconds * 3L + 120);
                System.out.println("ui flood: gave up after " + (seconds * 3L + 120) + " s");
                Runtime.getRuntime().halt(3);
            } catch (InterruptedException e) {
                // finished in time
            }
        }, "ui-flood-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        int status = 0;
        try {
            new UiFloodBench().run(dir, rate, seconds, total);
        } catch (Exception e) {
            e.printStackTrace();
            status = 1;
        } finally {
            BenchFiles.deleteTree(dir);
        }
        System.exit(status);
    }

    private void run(Path dir, double rate, int seconds, long total) throws Exception {
        try (FloodPeer primary = new FloodPeer(dir, "primary", 7);
             FloodPeer secondary = new FloodPeer(dir, "secondary", 11)) {
            Platform.startup(() -> { });
            Platform.setImplicitExit(false);
            AtomicReference<Stage> stage = new AtomicReference<>();
            CompletableFuture<Void> shown = new CompletableFuture<>();
            ConsoleContext context = new ConsoleContext(
                    Optional.of(new PairEndpoints(primary.endpoint(), secondary.endpoint())),
                    connector(SupervisorSession.connector(() -> JournalAuditTrail.open(dir.resolve("journal")),
                            Clock.systemUTC(), org.coloconsole.engine.PairClaims.forThisProcess(System.getenv()))),
                    () -> {
                        throw new IllegalStateException("the bench has no lab pair");
                    },
                    new ProfileStore(dir.resolve("profiles.json")), Clock.systemUTC(), ZoneId.systemDefault(), false);
            Platform.runLater(() -> {
                try {
                    Stage s = new Stage();
                    stage.set(s);
                    ConsoleApp.show(s, context);
                    watch(s);
                    shown.complete(null);
                } catch (RuntimeException e) {
                    shown.completeExceptionally(e);
                }
            });
            shown.get(30, TimeUnit.SECONDS);
            primary.awaitClient(15);
            secondary.awaitClient(15);
            TimeUnit.SECONDS.sleep(3); // resync, first heartbeats, first layout passes
            pulseGaps[0].reset(); // not the window's first frames
            TimeUnit.SECONDS.sleep(IDLE_SECONDS); // the idle window's pulses: what the machine's load alone costs
            Memory before = Memory.now(false);
            long fxCpuAtStart = fxCpuNanos();
            CompletableFuture<String> rowHeights = new CompletableFuture<>();
            Platform.runLater(() -> rowHeights.complete(rowHeights(stage.get())));
            System.out.println("table rows are " + rowHeights.get(10, TimeUnit.SECONDS) + " px high; fixed cell size "
                    + ((TableView<?>) stage.get().getScene().lookup("#log-table")).getFixedCellSize());
            phase = 1;

            long measured = (long) (rate * seconds);
            long floodStart = System.nanoTime();
            long sent = flood(primary, secondary, Math.min(measured, total), rate);
            long afterMeasured = System.nanoTime();
            awaitRows(sent);
            Memory atMeasuredEnd = Memory.now(false);
            long fxCpuAtMeasuredEnd = fxCpuNanos();
            long measuredEnd = System.nanoTime();
            phase = 2;
            if (total > sent) {
                sent += flood(primary, secondary, total - sent, rate);
            }
            awaitRows(sent);
            long fxCpuAtEnd = fxCpuNanos();
            long restEnd = System.nanoTime();
            Memory afterAll = Memory.now(false);
            Memory afterGc = Memory.now(true);
            long rowsSeen = eventRows;

            System.out.printf(Locale.ROOT, "idle window %d s: pulse gaps ms %s%n", IDLE_SECONDS,
                    pulseGaps[0].summary());
            System.out.printf(Locale.ROOT, "first %d s (%,d events): pulse gaps ms %s; event-to-row ms %s%n",
                    seconds, Math.min(measured, total), pulseGaps[1].summary(), latency[1].summary());
            if (total > measured) {
                System.out.printf(Locale.ROOT, "rest (%,d events): pulse gaps ms %s; event-to-row ms %s%n",
                        total - measured, pulseGaps[2].summary(), latency[2].summary());
            }
            // the FX thread's busy time per second is less at the mercy of the machine's load than its pulse gaps
            System.out.printf(Locale.ROOT, "FX thread CPU: %.0f ms/s during the first %d s, %.0f ms/s during the rest%n",
                    (fxCpuAtMeasuredEnd - fxCpuAtStart) / 1e6 / ((measuredEnd - floodStart) / 1e9), seconds,
                    (fxCpuAtEnd - fxCpuAtMeasuredEnd) / 1e6 / ((restEnd - measuredEnd) / 1e9));
            System.out.printf(Locale.ROOT, "events sent %,d, rows seen %,d (lost before the log %,d), rows kept %,d; "
                    + "measured flood took %.1f s%n", sent, rowsSeen, sent - rowsSeen, keptRows,
                    (afterMeasured - floodStart) / 1e9);
            System.out.println("memory before the flood:   " + before);
            System.out.println("memory after " + String.format(Locale.ROOT, "%,d", Math.min(measured, total))
                    + " events: " + atMeasuredEnd);
            System.out.println("memory after " + String.format(Locale.ROOT, "%,d", sent) + " events: " + afterAll);
            System.out.println("memory after a GC:         " + afterGc);
            System.out.println("journal on disk: " + Machine.megabytes(Machine.sizeOf(dir.resolve("journal")))
                    + "; load " + Machine.loadAverage());

            CompletableFuture<Void> closed = new CompletableFuture<>();
            Platform.runLater(() -> {
                stage.get().close(); // the window ends its session (and the journal) when hidden
                closed.complete(null);
            });
            closed.get(30, TimeUnit.SECONDS);
            Platform.exit();
        }
    }

    /** Hooks the pulse timer and the table's list; runs on the FX thread. */
    private void watch(Stage stage) {
        new AnimationTimer() {
            private long last;

            @Override
            public void handle(long now) {
                if (last != 0) {
                    pulseGaps[phase].add(now - last);
                }
                last = now;
            }
        }.start();
        // the log is built when the pair opens, inside the window: find its table
        @SuppressWarnings("unchecked")
        TableView<LogEntry> table = (TableView<LogEntry>) stage.getScene().lookup("#log-table");
        if (table == null) {
            throw new IllegalStateException("the console window has no #log-table");
        }
        // an experiment without touching the window's code: -Dbench.fixedCellSize=24
        String fixed = System.getProperty("bench.fixedCellSize");
        if (fixed != null) {
            table.setFixedCellSize(Double.parseDouble(fixed));
        }
        // -Dbench.follow=false: as if the operator had scrolled up (no scroll to the newest row per batch)
        if ("false".equals(System.getProperty("bench.follow"))) {
            ((javafx.scene.control.ToggleButton) stage.getScene().lookup("#log-follow")).setSelected(false);
        }
        table.getItems().addListener((ListChangeListener<LogEntry>) change -> {
            Instant now = Instant.now();
            long count = 0;
            while (change.next()) {
                if (change.wasAdded()) {
                    for (LogEntry row : change.getAddedSubList()) {
                        if (row.qemuTime().isPresent()) {
                            Instant at = row.qemuTime().get();
                            latency[phase].add((now.getEpochSecond() - at.getEpochSecond()) * 1_000_000_000L
                                    + now.getNano() - at.getNano());
                            count++;
                        }
                    }
                }
            }
            eventRows += count;
            keptRows = table.getItems().size();
        });
    }

    /**
     * The shipped connector, or — with {@code -Dbench.logEveryMs=N} — one whose log rows are held and handed on in
     * one burst every N ms: what a window that crosses into the FX thread at most every N ms would see.
     */
    private static PairConnector connector(PairConnector shipped) {
        String every = System.getProperty("bench.logEveryMs");
        if (every == null) {
            return shipped;
        }
        long periodMs = Long.parseLong(every);
        return (name, pair, heartbeat, options) -> new HeldLogSession(shipped.open(name, pair, heartbeat, options),
                periodMs);
    }

    private static final class HeldLogSession implements WindowSession {
        private final WindowSession inner;
        private final java.util.concurrent.ScheduledExecutorService timer =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "bench-log-hold");
                    t.setDaemon(true);
                    return t;
                });
        private final java.util.concurrent.ConcurrentLinkedQueue<LogEntry> held =
                new java.util.concurrent.ConcurrentLinkedQueue<>();
        private final java.util.List<java.util.function.Consumer<LogEntry>> listeners =
                new java.util.concurrent.CopyOnWriteArrayList<>();

        HeldLogSession(WindowSession inner, long periodMs) {
            this.inner = inner;
            inner.onLog(held::add);
            timer.scheduleAtFixedRate(() -> {
                LogEntry row;
                while ((row = held.poll()) != null) {
                    for (java.util.function.Consumer<LogEntry> l : listeners) {
                        l.accept(row);
                    }
                }
            }, periodMs, periodMs, TimeUnit.MILLISECONDS);
        }

        @Override
        public org.coloconsole.colo.PairSnapshot current() {
            return inner.current();
        }

        @Override
        public org.coloconsole.qmp.Subscription onChange(
                java.util.function.Consumer<org.coloconsole.colo.PairSnapshot> listener) {
            return inner.onChange(listener);
        }

        @Override
        public org.coloconsole.qmp.Subscription onLog(java.util.function.Consumer<LogEntry> listener) {
            listeners.add(listener);
            return () -> listeners.remove(listener);
        }

        @Override
        public org.coloconsole.ui.dashboard.FailoverPort failover() {
            return inner.failover();
        }

        @Override
        public Optional<Path> journalFile() {
            return inner.journalFile();
        }

        @Override
        public void close() {
            timer.shutdownNow();
            inner.close();
        }
    }

    private static String rowHeights(Stage stage) {
        java.util.TreeSet<Double> heights = new java.util.TreeSet<>();
        stage.getScene().lookup("#log-table").lookupAll(".table-row-cell")
                .forEach(n -> heights.add(((javafx.scene.layout.Region) n).getHeight()));
        return heights.toString();
    }

    /** Both peers at half the rate each, {@code count} events in total; returns events written. */
    private static long flood(FloodPeer primary, FloodPeer secondary, long count, double rate) throws Exception {
        AtomicBoolean failed = new AtomicBoolean();
        long[] written = new long[2];
        Thread other = new Thread(() -> {
            try {
                written[1] = secondary.paced(count / 2, rate / 2, () -> !failed.get());
            } catch (Exception e) {
                failed.set(true);
                e.printStackTrace();
            }
        }, "flood-secondary");
        other.start();
        try {
            written[0] = primary.paced(count - count / 2, rate / 2, () -> !failed.get());
        } catch (Exception e) {
            failed.set(true);
            throw e;
        } finally {
            other.join(TimeUnit.SECONDS.toMillis(count / (long) rate + 60));
        }
        return written[0] + written[1];
    }

    /**
     * The FX thread's CPU time from /proc (utime + stime, in clock ticks of 10 ms): the thread whose native name is
     * the start of "JavaFX Application Thread". The bench module does not read java.management. -1 if not found.
     */
    private static long fxCpuNanos() {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                if (Files.readString(task.resolve("comm")).startsWith("JavaFX Applicat")) {
                    String stat = Files.readString(task.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    // fields[0] is the state (stat field 3): utime and stime are stat fields 14 and 15
                    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000_000L;
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    private void awaitRows(long target) throws InterruptedException {
        long last = eventRows;
        long lastMoved = System.nanoTime();
        while (last < target && System.nanoTime() - lastMoved < STALL_LIMIT_NANOS) {
            TimeUnit.MILLISECONDS.sleep(20);
            if (eventRows != last) {
                last = eventRows;
                lastMoved = System.nanoTime();
            }
        }
    }

    private record Memory(long heapUsed, long heapCommitted, long resident) {
        static Memory now(boolean afterGc) throws InterruptedException {
            if (afterGc) {
                System.gc();
                TimeUnit.MILLISECONDS.sleep(500);
                System.gc();
                TimeUnit.MILLISECONDS.sleep(500);
            }
            return new Memory(Machine.heapUsedBytes(), Runtime.getRuntime().totalMemory(), Machine.residentBytes());
        }

        @Override
        public String toString() {
            return "heap used " + Machine.megabytes(heapUsed) + " (committed " + Machine.megabytes(heapCommitted)
                    + "), RSS " + Machine.megabytes(resident);
        }
    }

}
