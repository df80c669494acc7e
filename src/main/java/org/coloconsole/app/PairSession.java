package org.coloconsole.app;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.coloconsole.colo.HeartbeatStatus;
import org.coloconsole.colo.PairState;
import org.coloconsole.colo.Replication;
import org.coloconsole.colo.Side;
import org.coloconsole.colo.SideState;
import org.coloconsole.engine.AuditTrail;
import org.coloconsole.engine.AuditTrailFactory;
import org.coloconsole.engine.DurableWithin;
import org.coloconsole.engine.FailoverRunner;
import org.coloconsole.engine.FenceRunner;
import org.coloconsole.engine.FenceSpec;
import org.coloconsole.engine.Fencing;
import org.coloconsole.engine.JournalHealth;
import org.coloconsole.engine.MonotonicClock;
import org.coloconsole.engine.PairClaims;
import org.coloconsole.engine.PairConfig;
import org.coloconsole.engine.PairSupervisor;
import org.coloconsole.engine.ServiceWatcher;
import org.coloconsole.qmp.Subscription;

/**
 * A supervisor with its audit trail and failover runner, for one-shot users (the CLI): open, wait until both sides
 * are known, use, close.
 */
public final class PairSession implements AutoCloseable {
    private final AuditTrail trail;
    private final PairSupervisor supervisor;
    /** Empty for a session that only reads (status, jobs): it never runs a failover. */
    private final Optional<FailoverRunner> runner;
    private final ServiceWatcher watcher;

    static final Duration DURABLE_WRITE_LIMIT = Duration.ofSeconds(5);

    private PairSession(AuditTrail trail, PairSupervisor supervisor, Optional<PairClaims> claims,
                        Map<Side, FenceSpec> fences) {
        this.trail = trail;
        this.supervisor = supervisor;
        // the fence actions are journaled in the pair's journal, on the session's time line
        this.runner = claims.map(me -> new FailoverRunner(supervisor, me, fences.isEmpty() ? Fencing.none()
                : new Fencing(new FenceRunner(supervisor.trail(), supervisor.clock(), MonotonicClock.system()),
                fences)));
        this.watcher = ServiceWatcher.standard(supervisor);
    }

    /** A session that only reads and watches (status, jobs, reprotect's facts): it has no failover runner. */
    public static PairSession open(PairConfig config, AuditTrailFactory trails, Clock clock) throws IOException {
        return open(config, trails, clock, Optional.empty(), Map.of());
    }

    /**
     * A session that may fail the pair over.
     *
     * @param claims this process's identity and lock directory, made once by the composition root
     * @param fences each side's fence action, run by a failover when that side does not answer
     */
    public static PairSession open(PairConfig config, AuditTrailFactory trails, Clock clock, PairClaims claims,
                                   Map<Side, FenceSpec> fences) throws IOException {
        return open(config, trails, clock, Optional.of(claims), fences);
    }

    private static PairSession open(PairConfig config, AuditTrailFactory trails, Clock clock,
                                    Optional<PairClaims> claims, Map<Side, FenceSpec> fences)
            throws IOException {
        AuditTrail trail;
        try {
            trail = trails.open();
        } catch (JournalUnavailableException e) {
            throw e;
        } catch (IOException e) {
            throw new JournalUnavailableException(e);
        }
        // a hung disk must not hold a runbook for ever: a durable write that does not confirm in time fails
        trail = new DurableWithin(trail, DURABLE_WRITE_LIMIT);
        PairSupervisor supervisor = new PairSupervisor(config, trail, clock);
        supervisor.start();
        return new PairSession(trail, supervisor, claims, fences);
    }

    /**
     * Calls {@code onChange} (on the state thread, at most once a heartbeat tick) each time the journal starts or stops
     * failing, so that a CLI run says so on stderr rather than only when an action is refused.
     */
    public Subscription onJournalHealthChange(
            Consumer<JournalHealth> onChange) {
        AtomicReference<JournalHealth> last = new AtomicReference<>(JournalHealth.writing());
        return supervisor.onSnapshot(snapshot -> {
            JournalHealth now = trail.health();
            if (now.failing() != last.getAndSet(now).failing()) {
                onChange.accept(now);
            }
        });
    }

    /** The CLI's stderr line for a change of the journal's health. */
    public static String journalHealthLine(JournalHealth health, String location) {
        return health.failing() ? "Journal: " + health.sentence() : "Journal: writing again (" + location + ").";
    }

    public PairSupervisor supervisor() {
        return supervisor;
    }

    /** @throws IllegalStateException for a session opened only to read */
    public FailoverRunner runner() {
        return runner.orElseThrow(() -> new IllegalStateException("this session was opened only to read the pair"));
    }

    /**
     * Keeps each side's topology and service probe current in the state (the window's cards); one-shot commands
     * leave it off, since they read what they need once.
     */
    public void watchService() {
        watcher.start();
    }

    /**
     * Waits until each side is either re-read after connecting or known not to answer, at most {@code limit}.
     *
     * @return whether both sides settled in time
     */
    public boolean awaitKnown(Duration limit) throws InterruptedException {
        // woken by the snapshot that settles it, not by polling: a one-shot `status` is timed by scripts
        CountDownLatch settled = new CountDownLatch(1);
        try (Subscription watching = supervisor.onSnapshot(snapshot -> {
            if (bothKnown(snapshot.state())) {
                settled.countDown();
            }
        })) {
            return bothKnown(supervisor.snapshot().state()) || settled.await(limit.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private static boolean bothKnown(PairState state) {
        return known(state.side(Side.PRIMARY)) && known(state.side(Side.SECONDARY));
    }

    /**
     * Waits until the checkpoints have said whether replication flows: a pair in COLO is called protected only once
     * a checkpoint is seen, so a one-shot reader waits for one, at most two checkpoint intervals (after which the
     * pair counts as stalled anyway). Returns at once when the interval is unknown or the pair is not in COLO.
     */
    public void awaitCheckpointVerdict() throws InterruptedException {
        while (true) {
            PairState state = supervisor.snapshot().state();
            Replication replication = Replication.of(state, supervisor.clock().instant());
            if (replication.status() != Replication.Status.AWAITING_CHECKPOINT) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
    }

    private static boolean known(SideState side) {
        HeartbeatStatus status = side.heartbeat().status();
        return side.synced() || status == HeartbeatStatus.LOST || status == HeartbeatStatus.UNREACHABLE
                || status == HeartbeatStatus.UNRESPONSIVE;
    }

    @Override
    public void close() {
        watcher.close();
        runner.ifPresent(FailoverRunner::close);
        supervisor.close();
        trail.close();
    }
}
