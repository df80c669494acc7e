package org.coloconsole.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.coloconsole.colo.Claim;
import org.coloconsole.qmp.Backoff;
import org.coloconsole.qmp.Endpoint;
import org.coloconsole.qmp.EventSubscription;
import org.coloconsole.qmp.ExecutorScheduler;
import org.coloconsole.qmp.QmpClient;
import org.coloconsole.qmp.QmpClientOptions;
import org.coloconsole.qmp.QmpClientState;
import org.coloconsole.qmp.QmpConnectException;
import org.coloconsole.qmp.QmpEvent;
import org.coloconsole.qmp.QmpException;
import org.coloconsole.qmp.QmpGreeting;
import org.coloconsole.qmp.QmpIntrospection;
import org.coloconsole.qmp.QmpTimeoutException;
import org.coloconsole.qmp.QmpValue;
import org.coloconsole.qmp.ReconnectEvent;
import org.coloconsole.qmp.ReconnectingSession;
import org.coloconsole.qmp.Scheduler;
import org.coloconsole.qmp.Subscription;

/**
 * The console's link to one QEMU: keeps it connected, pings it, re-reads its state after every (re)connect, and
 * reports raw facts to a {@link Listener}. It decides nothing; the domain reduces what it reports.
 */
public final class SideLink implements AutoCloseable {

    /**
     * The commands whose answers rebuild a side's state after a (re)connect, in this order. {@code query-jobs} falls
     * back to {@code query-block-jobs} on a QEMU without it.
     */
    public static final List<String> RESYNC_COMMANDS = List.of(
            "query-version", "query-status", "query-colo-status", "query-migrate", "query-migrate-parameters",
            "query-jobs", "query-name");

    /** Raw facts about one side, reported on the link's threads (never the caller's); must not block. */
    public interface Listener {
        void attempting(int attempt, Instant at);

        void connected(QmpGreeting greeting, boolean reconnect, Instant at);

        /** A connect attempt failed; {@code reason} tells refused (process gone) from timing out (host unreachable). */
        void connectFailed(QmpConnectException.Reason reason, String sentence, Instant at);

        /** An established connection ended. */
        void lost(QmpException cause, Instant at);

        void event(QmpEvent event);

        /** A resync command answered (or failed: {@code result} is then missing and {@code error} says why). */
        void polled(String command, QmpValue result, String error, Instant at);

        void resynced(Instant at);

        void pingOk(Duration roundTrip, Instant at);

        /** {@code consecutive} intervals passed with a ping outstanding and no reply. */
        void pingMissed(int consecutive, Duration silence, Instant at);

        /** The schema self-test of this connection: greeting, {@code query-qmp-schema}, the unstable-input policy. */
        default void introspected(QmpIntrospection introspection, Instant at) {
        }

        /**
         * {@code count} events were lost because the console fell behind QEMU (a flood): reported at most once a
         * second, and the side's state is re-read right after.
         */
        void eventsLost(long count, Instant at);
    }

    private final String name;
    private final QmpClient client;
    private final ReconnectingSession session;
    private final ExecutorScheduler scheduler;
    private final HeartbeatSettings heartbeat;
    private final Clock clock;
    private final Listener listener;
    private final EventSubscription events;
    private final Subscription reconnectEvents;
    private final JobsPoll jobsPoll;

    private final HeartbeatTimer timer;

    private final Object lock = new Object();
    private Scheduler.Task tick;
    private volatile boolean closed;
    // scheduler thread only
    private long reportedLost;
    private long lastLossReportNanos;
    /** Pings since the claim was last read: another console's claim shows on the card within a few seconds. */
    private int pingsSinceClaimRead;
    private static final int PINGS_PER_CLAIM_READ = 8;

    public SideLink(String name, Endpoint endpoint, QmpClientOptions options, HeartbeatSettings heartbeat,
                    Backoff backoff, Clock clock, Listener listener) {
        this(name, endpoint, options, heartbeat, backoff, clock, MonotonicClock.system(), listener);
    }

    /**
     * @param clock     stamps what is reported (wall time)
     * @param monotonic measures round trips and silence
     */
    public SideLink(String name, Endpoint endpoint, QmpClientOptions options, HeartbeatSettings heartbeat,
                    Backoff backoff, Clock clock, MonotonicClock monotonic, Listener listener) {
        this.name = name;
        this.timer = new HeartbeatTimer(heartbeat, monotonic);
        this.heartbeat = heartbeat;
        this.clock = clock;
        this.listener = listener;
        this.jobsPoll = new JobsPoll(this::report);
        this.client = new QmpClient(options);
        this.scheduler = new ExecutorScheduler("side-" + name + "-link");
        // in order with the replies: a poll's reply must not reach the state before an event QEMU sent earlier
        this.events = client.subscribeInOrder(Set.of(), this::onEvent);
        this.session = new ReconnectingSession(client, endpoint, backoff, scheduler, this::resyncAfterConnect);
        this.reconnectEvents = session.onEvent(this::onReconnectEvent);
    }

    public String name() {
        return name;
    }

    public Endpoint endpoint() {
        return session.endpoint();
    }

    /** For commands the operator sends (failover steps, job actions). */
    public QmpClient client() {
        return client;
    }

    public void start() {
        session.start();
        synchronized (lock) {
            tick = scheduler.schedule(this::onTick, checkPeriod());
        }
    }

    @Override
    public void close() {
        closed = true;
        synchronized (lock) {
            if (tick != null) {
                tick.cancel();
            }
        }
        reconnectEvents.close();
        session.close();
        events.close();
        client.close();
        scheduler.close();
    }

    private Duration checkPeriod() {
        // misses are judged between pings too, so detection is not quantised to whole intervals
        return Duration.ofNanos(Math.max(heartbeat.interval().toNanos() / 25, 2_000_000));
    }

    private void onReconnectEvent(ReconnectEvent event) {
        Instant now = clock.instant();
        if (event instanceof ReconnectEvent.Attempting a) {
            listener.attempting(a.attempt(), now);
        } else if (event instanceof ReconnectEvent.Connected c) {
            timer.connected();
            listener.connected(c.greeting(), c.reconnect(), now);
        } else if (event instanceof ReconnectEvent.AttemptFailed f) {
            QmpConnectException.Reason reason = f.cause() instanceof QmpConnectException c
                    ? c.reason() : QmpConnectException.Reason.IO;
            listener.connectFailed(reason, f.cause().getMessage(), now);
        } else if (event instanceof ReconnectEvent.Lost l) {
            timer.lost();
            listener.lost(l.cause(), now);
        } else if (event instanceof ReconnectEvent.Resynced) {
            listener.resynced(now);
        }
    }

    /**
     * After a (re)connect: also what this QEMU offers, which cannot change while it runs (unlike its state). The
     * connection counts as up once the state is re-read; the self-test is not waited for, so that a QEMU that hangs
     * right after connecting is found by the heartbeat at once, not after the schema read's timeout. The schema is
     * asked for only once the state has been read: QEMU answers one monitor's commands in order, and its schema is
     * a reply of some 150 KB that a cold reader takes about 100 ms to parse; asked first, it held up the state (a
     * one-shot {@code status} waited for it) and the first ping (measured SLOW on a healthy QEMU).
     */
    private CompletionStage<?> resyncAfterConnect(QmpClient connected) {
        CompletionStage<?> resynced = resync(connected);
        // the last reply completes the resync on the reader thread, which never writes: the link's own thread asks
        resynced.whenComplete((ignored, resyncError) -> {
            if (resyncError == null && !closed) {
                scheduler.schedule(() -> readSchema(connected), Duration.ZERO);
            }
        });
        return resynced;
    }

    private void readSchema(QmpClient connected) {
        QmpIntrospection.read(connected).whenComplete((introspection, error) -> {
            if (error == null) {
                listener.introspected(introspection, clock.instant());
            } else {
                report("query-qmp-schema", null, error);
            }
        });
    }

    private CompletionStage<?> resync(QmpClient connected) {
        CompletableFuture<?>[] all = new CompletableFuture<?>[RESYNC_COMMANDS.size()];
        for (int i = 0; i < all.length; i++) {
            String command = RESYNC_COMMANDS.get(i);
            all[i] = command.equals("query-jobs") ? jobsPoll.poll(connected, true) : connected.execute(command)
                    .handle((value, error) -> {
                        report(command, value, error);
                        return null;
                    });
        }
        readClaim(connected);
        return CompletableFuture.allOf(all);
    }

    /** The console claim this QEMU carries (PairClaim), reported as a poll; not part of what marks a side synced. */
    private void readClaim(QmpClient connected) {
        pingsSinceClaimRead = 0;
        ClaimObject.read(connected, heartbeat.pingTimeout()).handle((value, error) -> {
            if (error == null) {
                // a failed read says nothing about a claim, and every few seconds it would only be noise
                report(Claim.POLL, value, null);
            }
            return null;
        });
    }

    private void report(String command, QmpValue value, Throwable error) {
        if (error == null) {
            listener.polled(command, value, null, clock.instant());
        } else {
            Throwable cause = error.getCause() != null ? error.getCause() : error;
            listener.polled(command, QmpValue.missing(), cause.getMessage(), clock.instant());
        }
    }

    private void onEvent(QmpEvent event) {
        listener.event(event);
        // the events tell a status, not the job's type or progress: re-read them
        if (event.name().equals("JOB_STATUS_CHANGE") || event.name().startsWith("BLOCK_JOB_")) {
            if (client.state() == QmpClientState.RUNNING) {
                jobsPoll.poll(client, false);
            }
        }
    }

    private void onTick() {
        if (closed) {
            return;
        }
        try {
            heartbeatStep();
            reportLostEvents();
        } finally {
            synchronized (lock) {
                if (!closed) {
                    tick = scheduler.schedule(this::onTick, checkPeriod());
                }
            }
        }
    }

    /** A silent loss would leave a gap nobody knows of: say how many, and re-read what they may have changed. */
    private void reportLostEvents() {
        long dropped = events.dropped();
        long now = timer.now();
        if (dropped == reportedLost || now - lastLossReportNanos < 1_000_000_000L) {
            return;
        }
        long lost = dropped - reportedLost;
        reportedLost = dropped;
        lastLossReportNanos = now;
        listener.eventsLost(lost, clock.instant());
        if (client.state() == QmpClientState.RUNNING) {
            resync(client);
        }
    }

    private void heartbeatStep() {
        if (client.state() != QmpClientState.RUNNING) {
            return;
        }
        Optional<HeartbeatTimer.Tick> step = timer.tick();
        if (step.isEmpty()) {
            return;
        }
        HeartbeatTimer.Tick tick = step.get();
        if (tick.missesToReport() > 0) {
            listener.pingMissed(tick.missesToReport(), tick.silence(), clock.instant());
        }
        if (tick.dropForSilence()) {
            // reported as lost before the next attempt, so the reconnect's verdict follows this one
            client.drop(new QmpTimeoutException("the heartbeat (query-status)",
                    tick.silence().truncatedTo(ChronoUnit.MILLIS)));
            return;
        }
        if (tick.pingSentAt().isPresent() && ++pingsSinceClaimRead >= PINGS_PER_CLAIM_READ) {
            readClaim(client);
        }
        tick.pingSentAt().ifPresent(sent -> client.execute("query-status", Map.of(), heartbeat.pingTimeout())
                .whenComplete((value, error) -> {
                    Duration roundTrip = timer.answered(sent, error == null);
                    if (error == null) {
                        listener.pingOk(roundTrip, clock.instant());
                        listener.polled("query-status", value, null, clock.instant());
                    }
                }));
    }
}
