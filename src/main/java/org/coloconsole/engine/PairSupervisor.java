package org.coloconsole.engine;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.coloconsole.colo.FailoverInterlock;
import org.coloconsole.colo.FailoverRequest;
import org.coloconsole.colo.InterlockDecision;
import org.coloconsole.colo.Observation;
import org.coloconsole.colo.PairReducer;
import org.coloconsole.colo.PairSnapshot;
import org.coloconsole.colo.PairState;
import org.coloconsole.colo.Recommendation;
import org.coloconsole.colo.Recommender;
import org.coloconsole.colo.Side;
import org.coloconsole.colo.SocketKind;
import org.coloconsole.qmp.ExponentialBackoff;
import org.coloconsole.qmp.QmpClientOptions;
import org.coloconsole.qmp.QmpEvent;
import org.coloconsole.qmp.Subscription;

/**
 * Watches a pair: one {@link SideLink} per side, and one state thread that reduces every observation into the
 * {@link PairState}, draws the recommendation, writes the audit trail and feeds the log. Everything that changes the
 * state goes through that one thread, so there is a single writer and a single order.
 *
 * <p>Listeners are called on the state thread; they must not block (the UI hands over to the FX thread and returns).
 */
public final class PairSupervisor implements AutoCloseable {
    private final PairConfig config;
    private final AuditTrail trail;
    private final MonotonicTimeline clock;
    private final PairReducer reducer;
    /**
     * A plain FIFO queue, not a scheduled executor's: under an event flood a delay-ordered heap of millions of tasks
     * cost a quarter of this thread's time in sift-downs. Ticks come from {@link #ticker} as ordinary tasks.
     */
    private final StateLoop stateThread;
    private final ScheduledExecutorService ticker;
    private final Map<Side, SideLink> links = new EnumMap<>(Side.class);
    private final LogFeed feed = new LogFeed();
    private final List<Consumer<PairSnapshot>> snapshotListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<LogEntry>> logListeners = new CopyOnWriteArrayList<>();

    /** What was last published: the listeners' view, at most one burst behind {@link #current}. */
    private volatile PairSnapshot snapshot;
    // state thread only
    /** The state as reduced so far; the interlock always decides on this, never on the published snapshot. */
    private PairState current;
    private boolean unpublished;
    private Recommendation journaledRecommendation;

    public PairSupervisor(PairConfig config, AuditTrail trail, Clock clock) {
        this.config = config;
        this.trail = trail;
        // every instant the state is judged by comes from one monotonic time line (README, durations)
        this.clock = MonotonicTimeline.of(clock);
        this.reducer = new PairReducer(config.policy());
        this.stateThread = new StateLoop("pair-state", this::publishIfChanged);
        this.ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, "pair-state-ticker");
            t.setDaemon(true);
            return t;
        });
        Instant now = clock.instant();
        PairState initial = PairState.initial(config.primary().text(), config.secondary().text(), now);
        for (Side side : Side.values()) {
            // the probes are part of what is watched from the start: a card says "not configured" or "not yet"
            initial = reducer.reduce(initial, new Observation.ProbeConfigured(side, now, config.probes().of(side)));
        }
        this.current = initial;
        this.snapshot = new PairSnapshot(initial, Recommender.recommend(initial, now), now);
        Random jitter = new Random();
        for (Side side : Side.values()) {
            QmpClientOptions options = QmpClientOptions.defaults(side.label())
                    .withConnectTimeout(config.connectTimeout())
                    .withHandshakeTimeout(config.connectTimeout())
                    .withCommandTimeout(config.commandTimeout())
                    .withTls(config.tls().orElse(null))
                    .withAllowInsecure(config.allowInsecure());
            links.put(side, new SideLink(side.label(), config.endpoint(side), options, config.heartbeat(),
                    ExponentialBackoff.standard(jitter), this.clock, this.clock.monotonic(),
                    new ObservationSource(side, SocketKind.of(config.endpoint(side)), this.clock, this::submit, (event, observation) -> onEvent(side, event, observation))));
        }
    }

    public PairConfig config() {
        return config;
    }

    public String auditLocation() {
        return trail.location();
    }

    /** Connects to both sides and starts the heartbeat and the clock of the recommendation. */
    public void start() {
        links.values().forEach(SideLink::start);
        long period = config.heartbeat().interval().toMillis();
        ticker.scheduleAtFixedRate(() -> onStateThread(this::onTick), period, period, TimeUnit.MILLISECONDS);
    }

    public PairSnapshot snapshot() {
        return snapshot;
    }

    public SideLink link(Side side) {
        return links.get(side);
    }

    public AuditTrail trail() {
        return trail;
    }

    /** The time line every observation is stamped on; wall time only as its label. */
    public MonotonicTimeline clock() {
        return clock;
    }

    public Subscription onSnapshot(Consumer<PairSnapshot> listener) {
        snapshotListeners.add(listener);
        return () -> snapshotListeners.remove(listener);
    }

    public Subscription onLog(Consumer<LogEntry> listener) {
        logListeners.add(listener);
        return () -> logListeners.remove(listener);
    }

    /** Hands an observation to the state thread. Never blocks. */
    public void submit(Observation observation) {
        onStateThread(() -> apply(observation));
    }

    /** Runs on the state thread once every earlier observation is applied; for callers that need "after". */
    public CompletableFuture<PairSnapshot> settled() {
        return CompletableFuture.supplyAsync(() -> {
            publishIfChanged();
            return snapshot;
        }, stateThread);
    }

    /**
     * Checks the interlock and, when it allows, marks the failover as started — in one step on the state thread, so
     * two operators (or two clicks) can never both pass the check.
     */
    public CompletableFuture<InterlockDecision> beginFailover(FailoverRequest request) {
        return beginFailover(request, new FailoverStart.Ticket()).thenApply(Optional::orElseThrow);
    }

    /**
     * As {@link #beginFailover(FailoverRequest)}, unless the caller withdrew {@code ticket} before the state thread
     * came to it (it stopped waiting): then nothing is checked or marked, and the answer is empty. The caller and the
     * state thread both take the ticket, so exactly one of them decides whether this start happens.
     */
    CompletableFuture<Optional<InterlockDecision>> beginFailover(FailoverRequest request,
                                                                           FailoverStart.Ticket ticket) {
        return CompletableFuture.supplyAsync(() -> {
            if (!ticket.take()) {
                return Optional.empty();
            }
            InterlockDecision decision = FailoverInterlock.check(current, request, clock.instant());
            if (decision.allowed()) {
                apply(new Observation.FailoverStarted(request.target(), clock.instant()));
                publishIfChanged();
            }
            return Optional.of(decision);
        }, stateThread);
    }

    /** A row of the console's own in the log (and the journal), e.g. a failover step. */
    public void note(Side side, String name, String summary, LogEntry.Severity severity) {
        Instant at = clock.instant();
        onStateThread(() -> emit(feed.note(side == null ? null : side.label(), name, summary, severity, at)));
    }

    @Override
    public void close() {
        closed = true;
        links.values().forEach(SideLink::close);
        ticker.shutdownNow();
        stateThread.close();
    }

    /** Memory (KiB of {@link QmpEvent#footprintBytes()}) of events handed to the state thread and not yet applied. */
    private static final int EVENT_BUDGET_KIB = 32 * 1024;
    private final Semaphore eventBudget = new Semaphore(EVENT_BUDGET_KIB);
    private volatile boolean closed;

    private void onEvent(Side side, QmpEvent event, Observation observation) {
        try {
            trail.event(side, event);
        } catch (RuntimeException e) {
            // a journal problem must not cost the state this event; the log says the journal missed it
            note(side, "JOURNAL", "the journal could not record " + event.name() + ": " + e.getMessage(),
                    LogEntry.Severity.CRITICAL);
        }
        // bounded in bytes: when the state thread is behind by EVENT_BUDGET_KIB of events, this side's subscriber
        // waits here, so its own byte-bounded queue sheds the rest and counts them (a gap, then a re-read): a flooding
        // side costs this much memory at most and slows only its own events
        int permits = (int) Math.min(EVENT_BUDGET_KIB, event.footprintBytes() / 1024 + 1);
        try {
            while (!eventBudget.tryAcquire(permits, 200, TimeUnit.MILLISECONDS)) {
                if (closed) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        onStateThread(() -> {
            try {
                emit(feed.event(side.label(), event));
                apply(observation);
            } finally {
                eventBudget.release(permits);
            }
        });
    }

    /** Events and pings still arrive while closing: once the state thread is gone, they have nowhere to go. */
    private void onStateThread(Runnable task) {
        try {
            stateThread.execute(task);
        } catch (RejectedExecutionException closing) {
            // closed: the state is no longer watched
        }
    }

    /** The recommendation also depends on time (a silence grows, a wait runs out), so it is redrawn on every tick. */
    private void onTick() {
        publish(current, clock.instant());
    }

    private void publishIfChanged() {
        if (unpublished) {
            publish(current, clock.instant());
        }
    }

    private void apply(Observation observation) {
        if (observation instanceof Observation.EventsLost lost) {
            Side side = lost.side();
            trail.record(AuditKind.GAP, side, lost.at(), Map.of("events-lost", lost.count(),
                    "why", "the console fell behind this side's events; its state is being re-read"));
            emit(feed.note(side.label(), "GAP", lost.count() + " events from the " + side.label()
                    + " were lost: the console fell behind; its state is being re-read", LogEntry.Severity.CRITICAL,
                    lost.at()));
        }
        PairState before = current;
        PairState after = reducer.reduce(before, observation);
        if (after != before) {
            current = after;
            unpublished = true;
            for (Side side : Side.values()) {
                if (before.side(side) == after.side(side)) {
                    continue; // the reducer keeps an unchanged side's state as it was
                }
                for (StateChanges.Change change : StateChanges.between(before.side(side), after.side(side))) {
                    trail.record(AuditKind.STATE, side, observation.at(), change.fields());
                    if (change.field().logged()) {
                        emit(feed.note(side.label(), "STATE", side.label() + " " + change.field().wireName() + ": "
                                + change.from() + " → " + change.to(), change.severity(), observation.at()));
                    }
                }
            }
            if (!before.failover().equals(after.failover())) {
                trail.record(AuditKind.FAILOVER, after.failover().target().orElse(null), observation.at(),
                        Map.of("phase", after.failover().phase().name(), "sentence", after.failover().sentence()));
            }
        }
    }

    /**
     * Draws the recommendation and hands a snapshot to the listeners. Called once per burst of observations, so the
     * journal's recommendation records are the advice the operator was actually shown, not every flicker within a
     * burst.
     */
    private void publish(PairState state, Instant now) {
        Recommendation recommendation = Recommender.recommend(state, now);
        if (journaledRecommendation == null || journaledRecommendation.kind() != recommendation.kind()
                || !journaledRecommendation.target().equals(recommendation.target())) {
            journaledRecommendation = recommendation;
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("recommendation", recommendation.kind().name());
            fields.put("headline", recommendation.headline());
            fields.put("reasons", recommendation.reasons());
            trail.record(AuditKind.RECOMMENDATION, recommendation.target().orElse(null), now, fields);
            emit(feed.note(null, "ADVICE", recommendation.headline(), severityOf(recommendation), now));
        }
        PairSnapshot next = new PairSnapshot(state, recommendation, now);
        snapshot = next;
        unpublished = false; // only now: a throw above leaves it to the next burst or tick to publish again
        for (Consumer<PairSnapshot> listener : snapshotListeners) {
            listener.accept(next);
        }
    }

    private void emit(LogEntry entry) {
        for (Consumer<LogEntry> listener : logListeners) {
            listener.accept(entry);
        }
    }

    private static LogEntry.Severity severityOf(Recommendation recommendation) {
        return switch (recommendation.kind()) {
            case PROTECTED, WAIT -> LogEntry.Severity.INFO;
            case DEGRADED -> LogEntry.Severity.WARNING;
            case PROMOTE_SECONDARY, CONTINUE_ON_PRIMARY, CANNOT_TELL, SPLIT_BRAIN -> LogEntry.Severity.CRITICAL;
        };
    }
}
