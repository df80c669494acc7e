package org.coloconsole.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.coloconsole.colo.FailoverPlan;
import org.coloconsole.colo.FailoverRequest;
import org.coloconsole.colo.ReprotectOptions;
import org.coloconsole.colo.ServiceGap;
import org.coloconsole.colo.ServiceProbes;
import org.coloconsole.colo.Side;
import org.coloconsole.colo.SwitchoverPhase;
import org.coloconsole.colo.SwitchoverPlan;
import org.coloconsole.colo.Topology;
import org.coloconsole.qmp.Endpoint;

/**
 * Swaps a pair's roles as one journaled flow (docs/colo-full-pair.md, "Swapping roles from the console"): a planned
 * failover to the secondary that quits the old primary's QEMU ({@link FailoverRunner}), a new secondary on the old
 * primary's host ({@link NewSecondary}), and protection restored onto it ({@link Reprotection}), each phase under the
 * pair's lock and claim as those runners take them, the next phase chosen by {@link SwitchoverPlan#after}. The guest's
 * service is probed throughout ({@link ServiceGapWatch}). Blocking: run it off the FX thread.
 *
 * <p>A swap also holds a lock of its own for its whole length, so that a second swap of the pair from any console of
 * this host is refused even between the phases, when the pair's lock is free for a moment.
 */
public final class Switchover {
    private final AuditTrail trail;
    private final Sessions sessions;
    private final PairClaims claims;
    private final Settings settings;
    private final Clock clock;

    /** A supervised pair the switchover can use and close (the CLI's PairSession). */
    public interface Session extends AutoCloseable {
        PairSupervisor supervisor();

        /** Waits until both sides are known, at most {@code limit}; then until the checkpoints say whether they flow. */
        boolean awaitKnown(Duration limit) throws InterruptedException;

        /** Idempotent: the switchover closes the first pair's session before the new QEMU takes its monitor. */
        @Override
        void close();
    }

    /** Opens a session on a pair (the restore phase's pair: the promoted side and the new secondary). */
    public interface Sessions {
        Session open(PairConfig config) throws IOException;
    }

    /** Brings up the new secondary (the lab starts it; on a real pair the operator does, and this waits for it). */
    public interface NewSecondary {
        /**
         * @param survivor the promoted side's COLO, from which the new secondary's command line is derived
         * @param say      lines for the operator
         * @return empty once the new QEMU's monitor answers at {@code endpoint}; else why not
         */
        Optional<String> bringUp(Endpoint endpoint, Topology survivor, Consumer<String> say)
                throws InterruptedException;
    }

    /**
     * @param stepTimeout   each QMP command's bound
     * @param verifyTimeout how long the promotion's verification may take
     * @param reprotect     the restore phase's bounds
     * @param knownWithin   how long the restore phase's pair may take to be known
     */
    public record Settings(Duration stepTimeout, Duration verifyTimeout, Reprotection.Timeouts reprotect,
                           Duration knownWithin) {
    }

    public Switchover(AuditTrail trail, Sessions sessions, PairClaims claims, Settings settings, Clock clock) {
        this.trail = trail;
        this.sessions = sessions;
        this.claims = claims;
        this.settings = settings;
        this.clock = clock;
    }

    /** The swap's own lock file for a pair, in either order of its monitors (the swap back uses the same file). */
    public static Path lockFile(PairClaims claims, Endpoint a, Endpoint b) {
        return PairLock.fileFor(claims.lockDirectory(), "swap " + a.text(), "swap " + b.text());
    }

    /** The pair the restore phase acts on: the promoted side as its primary, the new QEMU as its secondary. */
    public static PairConfig swapped(PairConfig config, Endpoint fresh) {
        ServiceProbes probes = config.probes();
        return new PairConfig(config.secondary(), fresh, config.heartbeat(), config.policy(),
                config.connectTimeout(), config.commandTimeout(), config.tls(), config.allowInsecure(),
                new ServiceProbes(probes.secondary(), probes.primary(), probes.allowRemote(), probes.within()));
    }

    /**
     * Runs the swap on the pair of {@code first} (whose session it closes after the promotion), the new secondary at
     * {@code fresh}. {@code options} are the restore phase's (addresses chosen by the caller, the checkpoint delay of
     * the pair as it was).
     */
    public SwitchoverOutcome run(Session first, Endpoint fresh, NewSecondary newSecondary, ReprotectOptions options,
                                 Consumer<String> progress) throws InterruptedException {
        long started = System.nanoTime();
        PairConfig config = first.supervisor().config();
        PairLock.Attempt swapLock = claims.locks().tryAcquire(lockFile(claims, config.primary(), config.secondary()),
                claims.me());
        if (swapLock.lock().isEmpty()) {
            try {
                return refused(first, "Another swap of this pair runs: " + swapLock.refusal(), started);
            } finally {
                first.close(); // run() owns the session it is given, on every path
            }
        }
        try (PairLock held = swapLock.lock().get()) {
            // the pair's own lock, as failover and restore take it: free now, or another console acts on the pair
            PairLock.Attempt pairLock = claims.lockHost(config);
            if (pairLock.lock().isEmpty()) {
                return refused(first, pairLock.refusal(), started);
            }
            pairLock.lock().get().close();
            first.awaitKnown(settings.knownWithin());
            List<String> refusals = SwitchoverPlan.refusals(SwitchoverPlan.Start.of(
                    first.supervisor().snapshot().state(), first.supervisor().clock().instant()));
            if (!refusals.isEmpty()) {
                return refused(first, String.join(" ", refusals), started);
            }
            Map<String, Object> intent = new LinkedHashMap<>();
            intent.put("action", "swap roles");
            intent.put("primary", config.primary().text());
            intent.put("secondary", config.secondary().text());
            intent.put("new-secondary", fresh.text());
            intent.put("phases", List.of(SwitchoverPhase.values()).stream().map(SwitchoverPhase::label).toList());
            try {
                trail.durable(AuditKind.ACTION_INTENT, Side.PRIMARY, clock.instant(), intent);
            } catch (IOException e) {
                return refused(first, "The intent could not be written to the journal (" + e.getMessage()
                        + "); nothing was sent to QEMU.", started);
            }
            try (ServiceGapWatch watch = new ServiceGapWatch(config.probes())) {
                watch.start();
                return new Run(first, fresh, newSecondary, options, progress, watch, started).execute();
            }
        } finally {
            first.close();
        }
    }

    private SwitchoverOutcome refused(Session first, String sentence, long started) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("action", "swap roles");
        fields.put("refused", sentence);
        trail.record(AuditKind.ACTION_REFUSED, Side.PRIMARY, clock.instant(), fields);
        first.supervisor().note(Side.PRIMARY, "ACTION", "Swap roles refused: " + sentence, LogEntry.Severity.WARNING);
        return new SwitchoverOutcome(SwitchoverPlan.Ending.NOTHING_CHANGED, true, sentence, List.of(),
                ServiceGap.of(List.of()), since(started));
    }

    private static Duration since(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos);
    }

    /** One switchover's phases. */
    private final class Run {
        private final Session first;
        private final Endpoint fresh;
        private final NewSecondary newSecondary;
        private final ReprotectOptions options;
        private final Consumer<String> progress;
        private final ServiceGapWatch watch;
        private final long started;
        private final List<SwitchoverOutcome.PhaseTime> phases = new ArrayList<>();
        private Topology survivor = Topology.empty();

        Run(Session first, Endpoint fresh, NewSecondary newSecondary, ReprotectOptions options,
            Consumer<String> progress, ServiceGapWatch watch, long started) {
            this.first = first;
            this.fresh = fresh;
            this.newSecondary = newSecondary;
            this.options = options;
            this.progress = progress;
            this.watch = watch;
            this.started = started;
        }

        SwitchoverOutcome execute() throws InterruptedException {
            SwitchoverPhase phase = SwitchoverPlan.first();
            while (true) {
                progress.accept("Phase: " + phase.label());
                long begun = System.nanoTime();
                Result result;
                try {
                    result = switch (phase) {
                        case PROMOTE -> promote();
                        case NEW_SECONDARY -> bringUp();
                        case REPROTECT -> reprotect();
                    };
                } catch (RuntimeException e) {
                    result = new Result(SwitchoverPhase.Result.FAILED, "the console failed: " + e);
                }
                long ended = System.nanoTime();
                SwitchoverOutcome.PhaseTime time = new SwitchoverOutcome.PhaseTime(phase, result.result(),
                        Duration.ofNanos(ended - begun), watch.between(begun, ended), result.sentence());
                phases.add(time);
                journal(time);
                progress.accept(String.format("Phase %s: %s in %d ms (%s): %s", phase.label(), result.result(),
                        time.took().toMillis(), time.service().sentence(), result.sentence()));
                SwitchoverPlan.Decision decision = SwitchoverPlan.after(phase, result.result());
                if (decision instanceof SwitchoverPlan.GoOn goOn) {
                    phase = goOn.next();
                } else {
                    return finish((SwitchoverPlan.Finished) decision);
                }
            }
        }

        /** The planned failover: fence (stop, then quit) the primary, promote the secondary, verify. */
        private Result promote() throws InterruptedException {
            FailoverRunner runner = new FailoverRunner(first.supervisor(), settings.stepTimeout(),
                    settings.verifyTimeout(), claims);
            try {
                long bound = settings.stepTimeout().multipliedBy(20).plus(settings.verifyTimeout())
                        .plus(first.supervisor().config().probes().within()).plusSeconds(30).toMillis();
                FailoverOutcome outcome = runner.run(new FailoverRequest(Side.SECONDARY, false),
                        new FailoverPlan.Options(true, true), report -> {
                            if (report.status() != StepReport.Status.RUNNING) {
                                progress.accept(String.format("  [%d/%d] %-7s %s (%d ms)", report.index(),
                                        report.total(), report.status(), report.sentence(), report.took().toMillis()));
                            }
                        }).get(bound, TimeUnit.MILLISECONDS);
                if (outcome.verified()) {
                    survivor = runner.discover(Side.SECONDARY);
                }
                return new Result(switch (outcome.result()) {
                    case VERIFIED -> SwitchoverPhase.Result.DONE;
                    case REFUSED -> SwitchoverPhase.Result.REFUSED;
                    case FAILED, ABANDONED -> SwitchoverPhase.Result.FAILED;
                }, outcome.sentence());
            } catch (ExecutionException e) {
                return new Result(SwitchoverPhase.Result.FAILED, "the failover runner failed: " + e.getCause());
            } catch (TimeoutException e) {
                return new Result(SwitchoverPhase.Result.FAILED, "the failover did not end in time");
            } finally {
                runner.close();
                // the old primary's monitor is released: a new QEMU may take it (a monitor serves one client)
                first.close();
            }
        }

        private Result bringUp() throws InterruptedException {
            Optional<String> refusal = SwitchoverPlan.newSecondaryRefusal(
                    first.supervisor().config().secondary().text(), fresh.text());
            if (refusal.isPresent()) {
                return new Result(SwitchoverPhase.Result.REFUSED, refusal.get());
            }
            Optional<String> failure = newSecondary.bringUp(fresh, survivor, line -> progress.accept("  " + line));
            return failure.map(f -> new Result(SwitchoverPhase.Result.FAILED, f))
                    .orElseGet(() -> new Result(SwitchoverPhase.Result.DONE, "the new secondary answers at "
                            + fresh.text()));
        }

        private Result reprotect() throws InterruptedException {
            try (Session second = sessions.open(swapped(first.supervisor().config(), fresh))) {
                second.awaitKnown(settings.knownWithin());
                Reprotection reprotection = new Reprotection(second.supervisor(), settings.stepTimeout(),
                        settings.reprotect(), claims);
                ReprotectOutcome outcome = reprotection.run(options, report -> {
                    if (report.status() != StepReport.Status.RUNNING || report.sentence().startsWith("copying")) {
                        progress.accept(String.format("  [%d/%d] %-7s %s (%d ms)", report.index(), report.total(),
                                report.status(), report.sentence(), report.took().toMillis()));
                    }
                });
                return new Result(switch (outcome.result()) {
                    case PROTECTED -> SwitchoverPhase.Result.DONE;
                    case REFUSED -> SwitchoverPhase.Result.REFUSED;
                    case UNDONE -> SwitchoverPhase.Result.UNDONE;
                    case FAILED -> SwitchoverPhase.Result.FAILED;
                }, outcome.sentence());
            } catch (IOException e) {
                return new Result(SwitchoverPhase.Result.REFUSED, "the promoted side and the new secondary could "
                        + "not be watched: " + e.getMessage());
            }
        }

        private void journal(SwitchoverOutcome.PhaseTime time) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("action", "swap roles");
            fields.put("phase", time.phase().name());
            fields.put("result", time.result().name());
            fields.put("ms", time.took().toNanos() / 1e6);
            fields.put("longest-probe-gap-ms", time.service().longest().toNanos() / 1e6);
            fields.put("sentence", time.sentence());
            trail.record(AuditKind.ACTION_STEP, Side.PRIMARY, clock.instant(), fields);
        }

        private SwitchoverOutcome finish(SwitchoverPlan.Finished finished) {
            ServiceGap service = watch.gap();
            String sentence = finished.sentence() + (watch.probing() ? " Service: " + service.sentence() + "."
                    : " Service not probed (no probe).");
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("action", "swap roles");
            fields.put("result", finished.ending().name());
            fields.put("sentence", sentence);
            fields.put("total-ms", since(started).toNanos() / 1e6);
            fields.put("longest-probe-gap-ms", service.longest().toNanos() / 1e6);
            fields.put("both-served-rounds", service.bothServed());
            try {
                trail.durable(AuditKind.ACTION_OUTCOME, Side.PRIMARY, clock.instant(), fields);
            } catch (IOException e) {
                sentence = sentence + " (The outcome could not be written to the journal: " + e.getMessage() + ".)";
            }
            return new SwitchoverOutcome(finished.ending(), false, sentence, phases, service, since(started));
        }
    }

    private record Result(SwitchoverPhase.Result result, String sentence) {
    }
}
