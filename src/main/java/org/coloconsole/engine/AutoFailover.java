package org.coloconsole.engine;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.coloconsole.colo.AutoFailoverDecision;
import org.coloconsole.colo.AutoFailoverPolicy;
import org.coloconsole.colo.AutoFailoverSettings;
import org.coloconsole.colo.FailoverPlan;
import org.coloconsole.colo.FailoverRequest;
import org.coloconsole.colo.FenceOutcome;
import org.coloconsole.colo.PairState;
import org.coloconsole.colo.Side;
import org.coloconsole.qmp.Subscription;

/**
 * Carries out {@link AutoFailoverPolicy} for one pair: keeps the policy's memory (armed, the grace period's start on
 * the monotonic clock, this episode's fence), asks it again at every published snapshot and when the countdown ends,
 * runs the fence action it asks for, and promotes through the same {@link FailoverRunner} as a click — so the
 * interlock, the runner's claim and the journal are the same. Everything runs on one thread of its own, so a cancel
 * and a promotion are ordered: a cancel that arrives first always wins.
 */
public final class AutoFailover implements AutoCloseable {
    private final PairSupervisor supervisor;
    private final FailoverRunner runner;
    private final AutoFailoverSettings settings;
    private final MonotonicClock monotonic;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread t = new Thread(runnable, "auto-failover");
        t.setDaemon(true);
        return t;
    });
    private final List<Consumer<AutoFailoverDecision>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<AutoFailoverRun>> runListeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean evaluationPending = new AtomicBoolean();
    private Subscription snapshots = () -> { };

    // the worker thread only
    private boolean armed = true;
    /** Set by {@link #close()}: from then on the policy decides nothing more, whatever is still queued. */
    private volatile boolean closed;
    private Optional<Long> graceStartedNanos = Optional.empty();
    /** How soon the policy looks again after another process held the pair's lock when it wanted to fence. */
    private static final Duration FENCE_RETRY = Duration.ofMillis(500);
    private boolean fenceDeferred;
    private Optional<FenceOutcome> fence = Optional.empty();
    private Optional<Duration> fenceTook = Optional.empty();
    private long fenceEndedNanos;
    private ScheduledFuture<?> countdownEnd;
    private AutoFailoverDecision journaled;
    private volatile AutoFailoverDecision current;

    /**
     * @param runner  the pair's runner: the policy promotes through it, and fences with its {@link Fencing} (so a
     *                side can be fenced automatically exactly when a click would fence it)
     * @param enabled off: the policy only says so ({@link AutoFailoverDecision.Kind#OFF})
     * @param grace   the countdown in which the operator can cancel
     */
    public AutoFailover(PairSupervisor supervisor, FailoverRunner runner, boolean enabled, Duration grace,
                        MonotonicClock monotonic) {
        this.supervisor = supervisor;
        this.runner = runner;
        this.settings = new AutoFailoverSettings(enabled, grace, runner.fencing().fenceable());
        this.monotonic = monotonic;
        this.current = AutoFailoverPolicy.decide(supervisor.snapshot().state(), supervisor.clock().instant(),
                settings, true, Optional.empty(), Optional.empty());
    }

    /** Starts watching the pair's snapshots. */
    public void start() {
        snapshots = supervisor.onSnapshot(snapshot -> requestEvaluation());
        requestEvaluation();
    }

    /** What the policy says now: the banner's countdown reads it. */
    public AutoFailoverDecision decision() {
        return current;
    }

    /** Called on the policy's thread at every change of decision (and every countdown step); must not block. */
    public Subscription onDecision(Consumer<AutoFailoverDecision> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Called once an automatic failover ended, with its timings. */
    public Subscription onRun(Consumer<AutoFailoverRun> listener) {
        runListeners.add(listener);
        return () -> runListeners.remove(listener);
    }

    /**
     * The operator stops the countdown: the policy disarms (it would otherwise count down again at once) until
     * {@link #rearm()}. Ordered with the promotion on the policy's thread: if the promotion has not started, it never
     * will.
     *
     * @return completes with whether a countdown was running when the cancel took effect
     */
    public CompletableFuture<Boolean> cancel() {
        return CompletableFuture.supplyAsync(() -> {
            boolean wasCounting = current.kind() == AutoFailoverDecision.Kind.COUNTDOWN;
            armed = false;
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("decision", "CANCELLED");
            fields.put("reasons", List.of(wasCounting ? "The operator cancelled the countdown." :
                    "The operator disarmed automatic failover."));
            durable(current.target().orElse(null), fields);
            supervisor.note(current.target().orElse(null), "AUTO", wasCounting ? "Automatic failover cancelled by "
                    + "the operator; disarmed until re-armed." : "Automatic failover disarmed by the operator.",
                    LogEntry.Severity.WARNING);
            evaluate();
            return wasCounting;
        }, worker);
    }

    /**
     * The console itself can no longer be trusted to act (a fatal error on one of its threads): the policy disarms,
     * with {@code why} journaled, exactly as a cancel but not in the operator's name.
     */
    public CompletableFuture<Void> disarm(String why) {
        return CompletableFuture.runAsync(() -> {
            armed = false;
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("decision", "DISARMED");
            fields.put("reasons", List.of(why));
            durable(current.target().orElse(null), fields);
            supervisor.note(current.target().orElse(null), "AUTO", "Automatic failover disarmed: " + why,
                    LogEntry.Severity.CRITICAL);
            evaluate();
        }, worker);
    }

    /** Lets the policy act again (after it acted once, or after a cancel). */
    public CompletableFuture<Void> rearm() {
        return CompletableFuture.runAsync(() -> {
            armed = true;
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("decision", "REARMED");
            fields.put("reasons", List.of("The operator re-armed automatic failover."));
            durable(null, fields);
            supervisor.note(null, "AUTO", "Automatic failover re-armed.", LogEntry.Severity.INFO);
            evaluate();
        }, worker);
    }

    @Override
    public void close() {
        closed = true;
        snapshots.close();
        // a fence agent half-way through a power-off is let finish (interrupting it would kill the agent); nothing
        // is decided after it, as evaluate() sees closed
        worker.shutdown();
        try {
            if (!worker.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            worker.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** Longer than a fence agent's default timeout (30 s). */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(40);

    private void requestEvaluation() {
        if (evaluationPending.compareAndSet(false, true)) {
            try {
                worker.execute(() -> {
                    evaluationPending.set(false);
                    evaluate();
                });
            } catch (RejectedExecutionException closed) {
                // closed: nothing is watched any more
            }
        }
    }

    private void evaluate() {
        if (closed) {
            return;
        }
        PairState state = supervisor.snapshot().state();
        Optional<Duration> elapsed = graceStartedNanos.map(start -> Duration.ofNanos(monotonic.nanos() - start));
        AutoFailoverDecision decision = AutoFailoverPolicy.decide(state, supervisor.clock().instant(), settings,
                armed, elapsed, fence);
        switch (decision.kind()) {
            case COUNTDOWN -> {
                if (graceStartedNanos.isEmpty()) {
                    graceStartedNanos = Optional.of(monotonic.nanos());
                }
                scheduleCountdownEnd(decision.remaining());
                show(decision);
            }
            case FENCE -> {
                show(decision);
                if (runner.running()) {
                    // an operator's failover runs, and may be fencing this very side (FenceRule): never two fences
                    // at once; the policy looks again once that runbook's outcome is in
                    runner.idle().thenRun(this::evaluateLater);
                    return;
                }
                if (runFence(decision.target().orElseThrow().other())) {
                    evaluate();
                } else {
                    scheduleRetry();
                }
            }
            case PROMOTE -> {
                show(decision);
                promote(decision);
            }
            case AWAIT_EXIT -> show(decision); // the episode goes on: its fence stays the proof
            case HOLD, OFF, DISARMED -> {
                // the episode is over (or never began): the next one starts its grace period and fence afresh
                graceStartedNanos = Optional.empty();
                fence = Optional.empty();
                fenceTook = Optional.empty();
                fenceDeferred = false;
                if (countdownEnd != null) {
                    countdownEnd.cancel(false);
                    countdownEnd = null;
                }
                show(decision);
            }
        }
    }

    private void evaluateLater() {
        try {
            worker.execute(this::evaluate);
        } catch (RejectedExecutionException closing) {
            // closed meanwhile: nothing more to decide
        }
    }

    private void scheduleCountdownEnd(Duration remaining) {
        if (countdownEnd != null) {
            countdownEnd.cancel(false);
        }
        // at the end of the grace period, and every second before it so that the countdown on the banner moves
        long millis = remaining.toMillis();
        long next = millis > 1000 ? (millis % 1000 == 0 ? 1000 : millis % 1000) : millis;
        countdownEnd = worker.schedule(this::evaluate, Math.max(0, next), TimeUnit.MILLISECONDS);
    }

    /**
     * Fences {@code side} inside this host's lock on the pair, as a runbook does: another process of this host (a
     * console's failover, another {@code watch --auto-failover}) that holds the pair may be fencing it this moment.
     *
     * @return false when that lock is held elsewhere: nothing ran, and the policy looks again a moment later
     */
    private boolean runFence(Side side) {
        PairLock.Attempt lock = runner.lockHost();
        if (lock.lock().isEmpty()) {
            if (!fenceDeferred) {
                supervisor.note(side, "AUTO", "Automatic fence of the " + side.label() + " deferred: "
                        + lock.refusal(), LogEntry.Severity.WARNING);
            }
            fenceDeferred = true;
            return false;
        }
        fenceDeferred = false;
        try (PairLock held = lock.lock().get()) {
            fenceHoldingTheLock(side);
        }
        return true;
    }

    private void scheduleRetry() {
        try {
            worker.schedule(this::evaluate, FENCE_RETRY.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            // closed meanwhile: nothing more to decide
        }
    }

    private void fenceHoldingTheLock(Side side) {
        try {
            // the policy asks for a fence only where the runner's fencing has one (its settings come from it)
            Optional<FenceRunner.Run> ran = runner.fencing().off(supervisor, side);
            if (ran.isEmpty()) {
                return;
            }
            FenceRunner.Run run = ran.get();
            fence = Optional.of(run.outcome());
            fenceTook = Optional.of(run.took());
            fenceEndedNanos = monotonic.nanos();
            if (run.outcome().result() != FenceOutcome.Result.SUCCEEDED) {
                // the operator decides now: without this the next episode would count down and fence again and again
                armed = false;
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("decision", "FENCE_FAILED");
                fields.put("reasons", List.of("The fence of the " + side.label() + " did not prove it down ("
                        + run.outcome().sentence() + "); automatic failover is disarmed until re-armed."));
                durable(side.other(), fields);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void promote(AutoFailoverDecision decision) {
        armed = false; // never twice: disarmed before anything is sent, whatever the outcome
        Side target = decision.target().orElseThrow();
        long promoteStart = monotonic.nanos();
        long countdownStart = graceStartedNanos.orElse(promoteStart);
        long graceEnd = fence.isPresent() ? fenceEndedNanos - fenceTook.map(Duration::toNanos).orElse(0L)
                : promoteStart;
        Optional<FenceOutcome> usedFence = fence;
        Optional<Duration> usedFenceTook = fenceTook;
        graceStartedNanos = Optional.empty();
        FailoverOutcome outcome;
        try {
            outcome = runner.run(new FailoverRequest(target, false, usedFence), FailoverPlan.Options.defaults(),
                    report -> { }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (ExecutionException e) {
            supervisor.note(target, "AUTO", "The automatic failover could not run: " + e.getCause(),
                    LogEntry.Severity.CRITICAL);
            return;
        }
        Optional<Duration> afterFence = usedFence.map(f -> Duration.ofNanos(promoteStart - fenceEndedNanos));
        AutoFailoverRun run = new AutoFailoverRun(target, countdownStart, Duration.ofNanos(graceEnd - countdownStart),
                usedFenceTook, afterFence, usedFence, Duration.ofNanos(monotonic.nanos() - promoteStart), outcome);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("decision", "PROMOTED");
        fields.put("result", outcome.result().name());
        fields.put("reasons", List.of(outcome.sentence()));
        fields.put("grace-ms", run.grace().toNanos() / 1e6);
        usedFenceTook.ifPresent(d -> fields.put("fence-ms", d.toNanos() / 1e6));
        fields.put("runbook-ms", run.runbook().toNanos() / 1e6);
        durable(target, fields);
        for (Consumer<AutoFailoverRun> listener : runListeners) {
            listener.accept(run);
        }
        evaluate();
    }

    /** Shows the decision to the listeners, and journals it when its kind, target or reasons changed. */
    private void show(AutoFailoverDecision decision) {
        current = decision;
        boolean changed = journaled == null || journaled.kind() != decision.kind()
                || !journaled.target().equals(decision.target()) || !journaled.reasons().equals(decision.reasons());
        if (changed) {
            journaled = decision;
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("decision", decision.kind().name());
            fields.put("reasons", decision.reasons());
            if (decision.kind() == AutoFailoverDecision.Kind.COUNTDOWN) {
                fields.put("grace-ms", decision.remaining().toMillis());
            }
            Side side = decision.target().orElse(null);
            if (decision.kind() == AutoFailoverDecision.Kind.PROMOTE
                    || decision.kind() == AutoFailoverDecision.Kind.FENCE) {
                durable(side, fields);
            } else {
                supervisor.trail().record(AuditKind.AUTO_FAILOVER, side, supervisor.clock().instant(), fields);
            }
            if (decision.kind() != AutoFailoverDecision.Kind.OFF) {
                supervisor.note(side, "AUTO", decision.kind().name().toLowerCase(Locale.ROOT) + ": "
                        + String.join(" ", decision.reasons()), decision.kind() == AutoFailoverDecision.Kind.HOLD
                        || decision.kind() == AutoFailoverDecision.Kind.DISARMED ? LogEntry.Severity.INFO
                        : LogEntry.Severity.WARNING);
            }
        }
        for (Consumer<AutoFailoverDecision> listener : listeners) {
            listener.accept(decision);
        }
    }

    private void durable(Side side, Map<String, Object> fields) {
        try {
            supervisor.trail().durable(AuditKind.AUTO_FAILOVER, side, supervisor.clock().instant(), fields);
        } catch (IOException e) {
            // the runner refuses to act without its own durable intent; this record is the policy's reasons
            supervisor.trail().record(AuditKind.AUTO_FAILOVER, side, supervisor.clock().instant(), fields);
        }
    }
}
