package org.coloconsole.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.coloconsole.colo.EventDecoder;
import org.coloconsole.colo.Observation;
import org.coloconsole.colo.Side;
import org.coloconsole.colo.SideState;
import org.coloconsole.engine.JournalAuditTrail;
import org.coloconsole.engine.PairConfig;
import org.coloconsole.engine.PairSupervisor;
import org.coloconsole.qmp.EventSubscription;
import org.coloconsole.qmp.QmpClient;
import org.coloconsole.qmp.QmpClientOptions;

/**
 * Events per second end to end from {@link FloodPeer}s on UNIX sockets:
 * <ol>
 *   <li>{@code client}: QmpClient → one subscriber that counts;</li>
 *   <li>{@code journal}: QmpClient → subscriber → {@link EventDecoder} → {@link JournalAuditTrail} (temp dir);</li>
 *   <li>{@code supervisor}: two peers into the whole {@link PairSupervisor} (reducer, recommendation, log feed,
 *       journal), counted where the log rows come out.</li>
 * </ol>
 * Arguments (all optional): which ({@code client|journal|supervisor|all}, default all), events per measured run
 * (1,000,000; the supervisor splits them over both sides), runs (2: the first one warms the JIT up as well).
 * Every run is bounded: the peer stops after 120 s, the wait for the consumer after 30 s without progress.
 */
public final class IngestBench {
    private static final long BLAST_LIMIT_SECONDS = 120;
    private static final long STALL_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(30);
    /**
     * {@code -Dingest.rate=N}: the peers send N events/s in total (paced, each stamped with its send time) instead of
     * as fast as the socket takes them: whether a rate is sustained without losing anything, which a blast cannot say.
     */
    private static final double RATE = Double.parseDouble(System.getProperty("ingest.rate", "0"));

    private IngestBench() {
    }

    public static void main(String[] args) throws Exception {
        String which = args.length > 0 ? args[0] : "all";
        long events = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        System.out.printf(Locale.ROOT, "ingest: %,d events per run, %d runs, %s; %s, %d cores, load %s, %s %s%n",
                events, runs, RATE > 0 ? String.format(Locale.ROOT, "paced at %,.0f events/s", RATE) : "blasted", LocalDate.now(), Runtime.getRuntime().availableProcessors(), Machine.loadAverage(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"));
        Path dir = Files.createTempDirectory("ingest-bench");
        try {
            for (int run = 1; run <= runs; run++) {
                if (which.equals("client") || which.equals("all")) {
                    client(dir.resolve("client-" + run), events, run);
                }
                if (which.equals("journal") || which.equals("all")) {
                    journal(dir.resolve("journal-" + run), events, run);
                }
                if (which.equals("supervisor") || which.equals("all")) {
                    supervisor(dir.resolve("supervisor-" + run), events, run);
                }
            }
        } finally {
            BenchFiles.deleteTree(dir);
        }
    }

    private static void client(Path dir, long events, int run) throws Exception {
        Files.createDirectories(dir);
        AtomicLong seen = new AtomicLong();
        try (FloodPeer peer = new FloodPeer(dir, "primary", 7);
             QmpClient client = new QmpClient(QmpClientOptions.defaults("bench"))) {
            EventSubscription counter = client.subscribe(Set.of(), e -> seen.incrementAndGet());
            client.connect(peer.endpoint());
            peer.awaitClient(10);
            long start = System.nanoTime();
            long sent = send(peer, events, 1.0);
            long end = awaitCount(() -> seen.get() + counter.dropped(), sent);
            report("client", run, sent, seen.get(), start, end, "subscriber dropped " + counter.dropped());
        }
    }

    private static void journal(Path dir, long events, int run) throws Exception {
        Files.createDirectories(dir);
        AtomicLong seen = new AtomicLong();
        AtomicLong decoded = new AtomicLong();
        JournalAuditTrail trail = JournalAuditTrail.open(dir.resolve("journal"));
        try (FloodPeer peer = new FloodPeer(dir, "primary", 7);
             QmpClient client = new QmpClient(QmpClientOptions.defaults("bench"))) {
            EventSubscription subscription = client.subscribe(Set.of(), e -> {
                Observation o = EventDecoder.decode(Side.PRIMARY, e);
                if (o != null) {
                    decoded.incrementAndGet();
                }
                trail.event(Side.PRIMARY, e);
                seen.incrementAndGet();
            });
            client.connect(peer.endpoint());
            peer.awaitClient(10);
            long start = System.nanoTime();
            long sent = send(peer, events, 1.0);
            long end = awaitCount(() -> seen.get() + subscription.dropped(), sent);
            long closing = System.nanoTime();
            trail.close(); // drains what is still in memory to the file
            long drained = end + (System.nanoTime() - closing);
            report("journal", run, sent, seen.get(), start, end, String.format(Locale.ROOT,
                    "subscriber dropped %d, journal dropped %d, with the final drain %,.0f events/s, journal %s",
                    subscription.dropped(), trail.journal().dropped(), seen.get() / ((drained - start) / 1e9),
                    Machine.megabytes(Machine.sizeOf(dir.resolve("journal")))));
        } finally {
            trail.close();
        }
    }

    /** Blasts, or paces at {@code share} of {@link #RATE}; bounded in time either way. */
    private static long send(FloodPeer peer, long count, double share) throws Exception {
        if (RATE <= 0) {
            return peer.blast(count, BLAST_LIMIT_SECONDS);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BLAST_LIMIT_SECONDS);
        return peer.paced(count, RATE * share, () -> System.nanoTime() < deadline);
    }

    private static void supervisor(Path dir, long events, int run) throws Exception {
        Files.createDirectories(dir);
        AtomicLong eventRows = new AtomicLong();
        AtomicLong otherRows = new AtomicLong();
        JournalAuditTrail trail = JournalAuditTrail.open(dir.resolve("journal"));
        try (FloodPeer primary = new FloodPeer(dir, "primary", 7);
             FloodPeer secondary = new FloodPeer(dir, "secondary", 11)) {
            PairSupervisor supervisor = new PairSupervisor(PairConfig.of(primary.endpoint(), secondary.endpoint()),
                    trail, Clock.systemUTC());
            try {
                supervisor.onLog(row -> {
                    if (row.qemuTime().isPresent()) {
                        eventRows.incrementAndGet();
                    } else {
                        otherRows.incrementAndGet();
                    }
                });
                supervisor.start();
                primary.awaitClient(10);
                secondary.awaitClient(10);
                awaitSynced(supervisor);
                long before = eventRows.get();
                long start = System.nanoTime();
                long[] sent = new long[2];
                Thread other = new Thread(() -> {
                    try {
                        sent[1] = send(secondary, events / 2, 0.5);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, "blast-secondary");
                other.start();
                sent[0] = send(primary, events - events / 2, 0.5);
                other.join(TimeUnit.SECONDS.toMillis(BLAST_LIMIT_SECONDS + 10));
                long total = sent[0] + sent[1];
                long end = awaitCount(() -> eventRows.get() - before, total);
                long seen = eventRows.get() - before;
                long closing = System.nanoTime(); // the wait for a stall after lost events is not counted
                supervisor.close();
                trail.close();
                long drained = end + (System.nanoTime() - closing);
                report("supervisor", run, total, seen, start, end, String.format(Locale.ROOT,
                        "lost before the log %d, own rows %d, journal dropped %d, with the final drain %,.0f events/s, "
                                + "journal %s", total - seen, otherRows.get(), trail.journal().dropped(),
                        seen / ((drained - start) / 1e9), Machine.megabytes(Machine.sizeOf(dir.resolve("journal")))));
            } finally {
                supervisor.close();
            }
        } finally {
            trail.close();
        }
    }

    private static void awaitSynced(PairSupervisor supervisor) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            SideState p = supervisor.snapshot().state().side(Side.PRIMARY);
            SideState s = supervisor.snapshot().state().side(Side.SECONDARY);
            if (p.synced() && s.synced()) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
        throw new IllegalStateException("the supervisor did not re-read both sides within 10 s");
    }

    /** Waits until {@code count} reaches {@code target} or stops moving for 30 s; returns when it last moved. */
    private static long awaitCount(LongSupplier count, long target) throws InterruptedException {
        long last = count.getAsLong();
        long lastMoved = System.nanoTime();
        while (last < target) {
            TimeUnit.MICROSECONDS.sleep(200);
            long now = count.getAsLong();
            if (now != last) {
                last = now;
                lastMoved = System.nanoTime();
            } else if (System.nanoTime() - lastMoved > STALL_LIMIT_NANOS) {
                break;
            }
        }
        return lastMoved;
    }

    private static void report(String what, int run, long sent, long seen, long start, long end, String more) {
        double seconds = (end - start) / 1e9;
        System.out.printf(Locale.ROOT, "%-10s run %d: %,d sent, %,d through in %.2f s = %,.0f events/s; %s; load %s%n",
                what, run, sent, seen, seconds, seen / seconds, more, Machine.loadAverage());
    }

}
