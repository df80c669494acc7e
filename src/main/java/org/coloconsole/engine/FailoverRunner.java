package org.coloconsole.engine;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.concurrent.RejectedExecutionException;
import org.coloconsole.colo.FailoverOption;
import org.coloconsole.colo.FailoverPlan;
import org.coloconsole.colo.FenceRule;
import org.coloconsole.colo.FailoverRequest;
import org.coloconsole.colo.FailoverStep;
import org.coloconsole.colo.InterlockDecision;
import org.coloconsole.colo.Observation;
import org.coloconsole.colo.ProbeResult;
import org.coloconsole.colo.SafeStop;
import org.coloconsole.colo.ServiceCheck;
import org.coloconsole.colo.ServiceProbe;
import org.coloconsole.colo.Topology;
import org.coloconsole.colo.Side;
import org.coloconsole.qmp.QmpClient;
import org.coloconsole.qmp.QmpCommandException;
import org.coloconsole.qmp.QmpDisconnectedException;
import org.coloconsole.qmp.QmpInterruptedException;
import org.coloconsole.qmp.QmpValue;

/**
 * Runs a failover: this host's lock on the pair → the other side's fence action when {@link FenceRule} asks for it
 * (it does not answer and is not known gone; a successful fence is the proof the operator's acknowledgement would
 * otherwise give) → interlock (atomically with marking it started) → the intent made durable in the audit trail →
 * stop the other side → yank → {@code x-colo-lost-heartbeat} → verify → the outcome made durable. Each step is
 * reported as it goes. Runs on its own thread; never on the FX thread or a reader. The automatic failover
 * ({@link AutoFailover}) runs through the same runner, its fence through the same {@link Fencing}.
 */
public final class FailoverRunner implements AutoCloseable {
    private final PairSupervisor supervisor;
    private final Duration stepTimeout;
    private final SurvivorCheck survivorCheck;
    private final TopologyDiscovery discovery;
    private final ProbeRunner probes;
    private final Duration serviceTimeout;
    private final PairClaims claims;
    private final Fencing fencing;
    private final RunbookLifetime lifetime = new RunbookLifetime();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread t = new Thread(runnable, "failover-runner");
        t.setDaemon(true);
        return t;
    });

    /**
     * Without fence actions: a side that does not answer and is not known gone needs the operator's acknowledgement.
     *
     * @param claims who this process is when it claims the pair, and where this host's pair locks are
     */
    public FailoverRunner(PairSupervisor supervisor, Duration stepTimeout, Duration verifyTimeout,
                          PairClaims claims) {
        this(supervisor, stepTimeout, verifyTimeout, claims, Fencing.none());
    }

    /**
     * @param claims  who this process is when it claims the pair, and where this host's pair locks are
     * @param fencing the pair's fence actions, run when the other side does not answer ({@link FenceRule})
     */
    public FailoverRunner(PairSupervisor supervisor, Duration stepTimeout, Duration verifyTimeout,
                          PairClaims claims, Fencing fencing) {
        this.supervisor = supervisor;
        this.claims = claims;
        this.fencing = fencing;
        this.stepTimeout = stepTimeout;
        this.survivorCheck = new SurvivorCheck(supervisor, stepTimeout, verifyTimeout);
        this.discovery = new TopologyDiscovery(stepTimeout);
        this.probes = new ProbeRunner(supervisor.clock(), PROBE_TIMEOUT, supervisor.config().probes().allowRemote());
        this.serviceTimeout = supervisor.config().probes().within();
    }
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final long PROBE_PAUSE_MILLIS = 100;

    /**
     * What the side's COLO is made of now (blocking, on the caller's thread): what a plan is drawn from, read afresh
     * each time so that a re-run after a crash plans only what is left.
     */
    public Topology discover(Side side) throws InterruptedException {
        return discovery.discover(supervisor.link(side).client());
    }

    /** With the console's usual bounds: 5 s a step, 5 s to verify. */
    public FailoverRunner(PairSupervisor supervisor, PairClaims claims, Fencing fencing) {
        this(supervisor, Duration.ofSeconds(5), Duration.ofSeconds(5), claims, fencing);
    }

    /**
     * This host's lock on the pair, the one each runbook holds from its fence to its outcome: the automatic failover
     * takes it to fence, so that no fence runs beside another process's runbook or fence of the pair on this host.
     */
    public PairLock.Attempt lockHost() {
        return claims.lockHost(supervisor.config());
    }

    /** The pair's fence actions: the automatic failover fences through the same ones. */
    public Fencing fencing() {
        return fencing;
    }

    /**
     * Runs a failover on the runner's thread. Runbooks asked for while one runs wait their turn, each tracked until
     * its outcome (the interlock decides each when its turn comes).
     */
    public CompletableFuture<FailoverOutcome> run(FailoverRequest request, FailoverPlan.Options options,
                                                  Consumer<StepReport> progress) {
        RunbookLifetime.Runbook runbook = lifetime.begin(request);
        CompletableFuture<FailoverOutcome> outcome;
        try {
            outcome = CompletableFuture.supplyAsync(() -> execute(runbook, options, progress), worker);
        } catch (RejectedExecutionException closed) {
            lifetime.end(runbook);
            throw closed;
        }
        return lifetime.track(runbook, outcome);
    }

    /** Whether a runbook runs now, or waits its turn. */
    public boolean running() {
        return lifetime.running();
    }

    /** Completes once no runbook runs (at once when none does). */
    public CompletableFuture<Void> idle() {
        return lifetime.idle();
    }

    /**
     * Asks the runbooks that run or wait now to end early where that is safe ({@link SafeStop}): each before it
     * promotes, else it runs to its end. Each outcome is journaled either way.
     */
    public void stopSafely() {
        lifetime.requestStop();
    }

    /**
     * Never cuts a runbook off: asks each to stop safely and waits for their outcomes. Each that does not end within
     * {@link #CLOSE_WAIT} (its steps are bounded, so only a hung thread) is marked and journaled as abandoned.
     */
    @Override
    public void close() {
        lifetime.requestStop();
        if (!lifetime.awaitIdle(CLOSE_WAIT)) {
            lifetime.unfinished().forEach(runbook -> abandon(runbook.request()));
        }
        worker.shutdown();
    }

    static final Duration CLOSE_WAIT = Duration.ofSeconds(60);

    private void abandon(FailoverRequest request) {
        String sentence = "the console closed and the runbook did not end within " + CLOSE_WAIT.toSeconds()
                + " s; what it sent last is unknown";
        supervisor.submit(new Observation.FailoverAbandoned(request.target(), supervisor.clock().instant(), sentence));
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("action", request.action());
        fields.put("result", FailoverOutcome.Result.ABANDONED.name());
        fields.put("sentence", sentence);
        try {
            supervisor.trail().durable(AuditKind.ACTION_OUTCOME, request.target(), supervisor.clock().instant(),
                    fields);
        } catch (IOException e) {
            supervisor.note(request.target(), "ACTION", "The abandoned failover could not be journaled: "
                    + e.getMessage(), LogEntry.Severity.CRITICAL);
        }
    }

    private FailoverOutcome execute(RunbookLifetime.Runbook runbook, FailoverPlan.Options options,
                                    Consumer<StepReport> progress) {
        FailoverRequest request = runbook.request();
        if (runbook.stopRequested()) {
            // asked to stop while it waited its turn: it never started
            return refused(request, FailoverOutcome.Result.ABANDONED, "the console was asked to stop before this "
                    + "failover started; nothing was sent", System.nanoTime());
        }
        // the pair's claim is held for the whole runbook, across processes and hosts (PairClaim)
        try (PairClaim claim = claims.open(supervisor, stepTimeout)) {
            Optional<String> locked = claim.lockHost();
            if (locked.isPresent()) {
                return refused(request, FailoverOutcome.Result.REFUSED, locked.get(), System.nanoTime());
            }
            return execute(runbook, fenceFirst(runbook), options, progress, claim);
        }
    }

    /**
     * Runs the other side's fence action when the one rule asks for it ({@link FenceRule#runFirst}), inside this
     * host's lock and before the interlock decides: the request then carries the fence's outcome, which the interlock
     * reads as proof that the other side is down when it succeeded, and as nothing when it failed.
     */
    private FailoverRequest fenceFirst(RunbookLifetime.Runbook runbook) {
        FailoverRequest request = runbook.request();
        FailoverOption option = FailoverOption.of(supervisor.snapshot().state(), request.target(),
                supervisor.clock().instant(), request.otherSideFence());
        if (runbook.stopRequested() || !FenceRule.runFirst(option, fencing.fenceable(), request.otherSideFence())) {
            return request;
        }
        try {
            return fencing.off(supervisor, request.target().other())
                    .map(run -> request.withOtherSideFence(run.outcome())).orElse(request);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return request;
        }
    }

    private FailoverOutcome refused(FailoverRequest request, FailoverOutcome.Result result, String sentence,
                                    long started) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("action", request.action());
        fields.put("refused", sentence);
        supervisor.trail().record(AuditKind.ACTION_REFUSED, request.target(), supervisor.clock().instant(), fields);
        supervisor.note(request.target(), "ACTION", "Refused to " + request.action() + ": " + sentence,
                LogEntry.Severity.WARNING);
        return new FailoverOutcome(result, request.target(), sentence, List.of(), since(started), Duration.ZERO,
                Optional.empty());
    }

    private FailoverOutcome execute(RunbookLifetime.Runbook runbook, FailoverRequest request,
                                    FailoverPlan.Options options, Consumer<StepReport> progress, PairClaim claim) {
        long started = System.nanoTime();
        Side target = request.target();
        FailoverStart.Result start = FailoverStart.begin(supervisor, request, stepTimeout);
        if (!(start instanceof FailoverStart.Decided decided)) {
            boolean abandoned = start instanceof FailoverStart.Abandoned;
            String sentence = start instanceof FailoverStart.Abandoned a ? a.sentence()
                    : ((FailoverStart.NotStarted) start).sentence();
            return new FailoverOutcome(abandoned ? FailoverOutcome.Result.ABANDONED : FailoverOutcome.Result.FAILED,
                    target, sentence, List.of(), since(started), Duration.ZERO, Optional.empty());
        }
        InterlockDecision decision = decided.decision();
        if (!decision.allowed()) {
            // a fence that ran and did not prove the other side down is said first: it is why the proof is missing
            String sentence = request.otherSideFence().filter(f -> !f.provesDown(
                    supervisor.snapshot().state().side(f.side()))).map(f -> "The fence of the " + f.side().label()
                    + " did not prove it down (" + f.sentence() + "). ").orElse("") + decision.sentence();
            Map<String, Object> fields = intentFields(request, decision, List.of());
            fields.put("refused", sentence);
            supervisor.trail().record(AuditKind.ACTION_REFUSED, target, supervisor.clock().instant(), fields);
            supervisor.note(target, "ACTION", "Refused to " + request.action() + ": " + sentence,
                    LogEntry.Severity.WARNING);
            return new FailoverOutcome(FailoverOutcome.Result.REFUSED, target, sentence, List.of(),
                    since(started), Duration.ZERO, Optional.of(decision));
        }
        Topology survivor;
        try {
            survivor = discover(target);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            survivor = Topology.empty();
        }
        List<FailoverStep> steps = FailoverPlan.plan(decision, request, options, survivor);
        try {
            Map<String, Object> intent = intentFields(request, decision, steps);
            intent.put("topology", survivor.summary());
            supervisor.trail().durable(AuditKind.ACTION_INTENT, target, supervisor.clock().instant(), intent);
        } catch (IOException e) {
            String sentence = "The intent could not be written to the journal (" + e.getMessage()
                    + "); nothing was sent to QEMU.";
            supervisor.submit(new Observation.FailoverFailed(target, supervisor.clock().instant(), sentence));
            return new FailoverOutcome(FailoverOutcome.Result.FAILED, target, sentence, List.of(), since(started),
                    Duration.ZERO, Optional.empty());
        }
        Optional<String> claimRefusal;
        try {
            claimRefusal = claim.claimSides(target);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            claimRefusal = Optional.of("Interrupted while claiming the pair; nothing was sent.");
        }
        if (claimRefusal.isPresent()) {
            return finish(request, FailoverOutcome.Result.REFUSED, claimRefusal.get(), List.of(), started, 0);
        }
        supervisor.note(target, "ACTION", "Failover: " + request.action() + " — " + decision.sentence(),
                LogEntry.Severity.WARNING);
        return runSteps(runbook, request, steps, progress, started, claim);
    }

    private FailoverOutcome runSteps(RunbookLifetime.Runbook runbook, FailoverRequest request,
                                     List<FailoverStep> steps, Consumer<StepReport> progress, long started,
                                     PairClaim claim) {
        Side target = request.target();
        List<StepReport> reports = new ArrayList<>();
        long qemuNanos = 0;
        for (int i = 0; i < steps.size(); i++) {
            FailoverStep step = steps.get(i);
            if (runbook.stopRequested() && SafeStop.before(steps, i)) {
                return finish(request, FailoverOutcome.Result.ABANDONED, "Stopped before promoting, as asked: "
                        + (i == 0 ? "nothing was sent." : "sent " + sentSoFar(steps, i) + "; no side was promoted.")
                        , reports, started, qemuNanos);
            }
            progress.accept(new StepReport(i + 1, steps.size(), step, StepReport.Status.RUNNING, step.sentence(),
                    Duration.ZERO));
            long stepStart = System.nanoTime();
            StepResult result = step.kind() == FailoverStep.Kind.VERIFY ? verify(target)
                    : step.kind() == FailoverStep.Kind.LOST_HEARTBEAT ? recheckThenSend(step, steps, claim)
                    : send(step);
            qemuNanos += result.qemuNanos;
            StepReport report = new StepReport(i + 1, steps.size(), step, result.status, result.sentence,
                    since(stepStart));
            reports.add(report);
            progress.accept(report);
            journalStep(report);
            if (result.status == StepReport.Status.FAILED) {
                String sentence = failureSentence(step, result.sentence);
                return finish(request, FailoverOutcome.Result.FAILED, sentence, reports, started, qemuNanos);
            }
        }
        ServiceCheck.Judgement service = ServiceCheck.judge(Optional.empty(), List.of());
        if (supervisor.config().probes().of(target).isPresent()) {
            // a step of its own only when there is a probe: a pair without one keeps its runbook as it was
            FailoverStep probeStep = new FailoverStep(FailoverStep.Kind.PROBE_SERVICE, target, "service-probe",
                    Map.of(), false, "Check that the " + target.label() + "'s guest serves.");
            progress.accept(new StepReport(steps.size() + 1, steps.size() + 1, probeStep, StepReport.Status.RUNNING,
                    probeStep.sentence(), Duration.ZERO));
            long probeStart = System.nanoTime();
            service = checkService(target);
            StepReport probeReport = new StepReport(steps.size() + 1, steps.size() + 1, probeStep,
                    service.verdict() == ServiceCheck.Verdict.SERVING ? StepReport.Status.DONE
                            : StepReport.Status.FAILED, service.sentence(), since(probeStart));
            reports.add(probeReport);
            progress.accept(probeReport);
            journalStep(probeReport);
        }
        String after = topologyAfter(target);
        if (service.verdict() == ServiceCheck.Verdict.NOT_YET) {
            return finish(request, FailoverOutcome.Result.FAILED, "The " + target.label() + " left COLO and its "
                    + "guest runs, but its service is not back within " + serviceTimeout.toMillis() + " ms: "
                    + service.sentence() + " Now: " + after + ".", reports, started, qemuNanos);
        }
        return finish(request, FailoverOutcome.Result.VERIFIED, target.title() + " carries on alone: it left COLO "
                + "on request and its guest runs; " + (service.verdict() == ServiceCheck.Verdict.SERVING
                ? service.sentence() : "QEMU runs; service not checked.") + " Now: " + after + ".", reports,
                started, qemuNanos);
    }

    /** Probes the survivor until the domain's rule says it serves, or the bound passes. */
    private ServiceCheck.Judgement checkService(Side target) {
        Optional<ServiceProbe> probe = supervisor.config().probes().of(target);
        List<ProbeResult> results = new ArrayList<>();
        ServiceCheck.Judgement judgement = ServiceCheck.judge(probe, results);
        long deadline = System.nanoTime() + serviceTimeout.toNanos();
        while (judgement.verdict() == ServiceCheck.Verdict.NOT_YET && System.nanoTime() < deadline) {
            results.add(probes.run(target, probe.orElseThrow()));
            judgement = ServiceCheck.judge(probe, results);
            if (judgement.verdict() == ServiceCheck.Verdict.NOT_YET) {
                try {
                    Thread.sleep(PROBE_PAUSE_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        return judgement;
    }

    /** The survivor's topology after the runbook, as the card's line says it. */
    private String topologyAfter(Side target) {
        try {
            return discover(target).summary();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "not read";
        }
    }

    private StepResult send(FailoverStep step) {
        QmpClient client = supervisor.link(step.side()).client();
        long sent = System.nanoTime();
        try {
            CompletableFuture<QmpValue> reply = step.outOfBand()
                    ? client.executeOob(step.command(), step.arguments())
                    : client.execute(step.command(), step.arguments(), stepTimeout);
            QmpValue answer = reply.get(stepTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
            long took = System.nanoTime() - sent;
            if (step.command().equals("human-monitor-command") && answer.isString()
                    && !answer.asText().isBlank()) {
                // HMP reports its errors as text in a successful reply
                return new StepResult(StepReport.Status.SKIPPED, step.command() + " → " + step.side().label()
                        + ": QEMU answered \"" + answer.asText().strip() + "\"; carrying on", took);
            }
            if (step.kind() == FailoverStep.Kind.FENCE_STOP || step.kind() == FailoverStep.Kind.FENCE_QUIT
                    || step.kind() == FailoverStep.Kind.REFENCE_STOP) {
                supervisor.submit(new Observation.Fenced(step.side(), supervisor.clock().instant(), step.command()));
            }
            return new StepResult(StepReport.Status.DONE, step.command() + " → " + step.side().label() + ": done", took);
        } catch (ExecutionException e) {
            return failed(step, e.getCause(), System.nanoTime() - sent);
        } catch (TimeoutException e) {
            return failed(step, e, System.nanoTime() - sent);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new StepResult(StepReport.Status.FAILED, "interrupted", 0);
        }
    }

    /** Inside the claim, both sides are read again: the lost-heartbeat goes only if the picture held. */
    private StepResult recheckThenSend(FailoverStep step, List<FailoverStep> steps, PairClaim claim) {
        Optional<Side> quit = steps.stream().filter(s -> s.kind() == FailoverStep.Kind.FENCE_QUIT)
                .map(FailoverStep::side).findFirst();
        long start = System.nanoTime();
        try {
            Optional<String> changed = claim.recheck(step.side(), quit);
            if (changed.isPresent()) {
                return new StepResult(StepReport.Status.FAILED, changed.get(), System.nanoTime() - start);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new StepResult(StepReport.Status.FAILED, "interrupted", 0);
        }
        return send(step);
    }

    private static boolean closedByPeer(Throwable cause) {
        return cause instanceof QmpDisconnectedException
                || cause instanceof QmpInterruptedException && cause.getCause() instanceof QmpDisconnectedException;
    }

    /** Which failures end the runbook, and which are harmless for that step. */
    private StepResult failed(FailoverStep step, Throwable cause, long took) {
        String why = cause instanceof QmpCommandException q ? q.errorClass() + ": " + q.description()
                : String.valueOf(cause.getMessage());
        if (step.kind().dismantles() && cause instanceof QmpCommandException) {
            // a part already gone (a re-run after a crash) or one QEMU will not remove: noted, never an abort; the
            // service probe decides whether the survivor serves
            return new StepResult(StepReport.Status.SKIPPED, step.command() + " → " + step.side().label()
                    + ": QEMU answered " + why + "; carrying on", took);
        }
        return switch (step.kind()) {
            case FENCE_QUIT -> closedByPeer(cause)
                    // quit ends the process: the peer closing the connection is the expected answer (not a
                    // connection the console dropped itself for silence: that says nothing about the process)
                    ? quitAnswered(step, took)
                    : new StepResult(StepReport.Status.SKIPPED, "quit failed (" + why + "); the guest stays stopped",
                            took);
            case YANK -> new StepResult(StepReport.Status.SKIPPED, "nothing to yank (" + why + ")", took);
            // QEMU may already have left COLO (e.g. a retry): the verification decides
            case LOST_HEARTBEAT -> new StepResult(StepReport.Status.SKIPPED, "QEMU answered " + why
                    + "; verifying anyway", took);
            default -> new StepResult(StepReport.Status.FAILED, step.command() + " → " + step.side().label()
                    + " failed: " + why, took);
        };
    }

    private StepResult quitAnswered(FailoverStep step, long took) {
        supervisor.submit(new Observation.Fenced(step.side(), supervisor.clock().instant(), "quit"));
        return new StepResult(StepReport.Status.DONE, "quit → " + step.side().label() + ": the process ended", took);
    }

    private StepResult verify(Side target) {
        try {
            SurvivorCheck.Result result = survivorCheck.run(target);
            return new StepResult(result.verified() ? StepReport.Status.DONE : StepReport.Status.FAILED,
                    result.sentence(), result.qemuNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new StepResult(StepReport.Status.FAILED, "interrupted while verifying", 0);
        }
    }

    private FailoverOutcome finish(FailoverRequest request, FailoverOutcome.Result result, String sentence,
                                   List<StepReport> reports, long started, long qemuNanos) {
        Side target = request.target();
        supervisor.submit(result == FailoverOutcome.Result.VERIFIED
                ? new Observation.FailoverSucceeded(target, supervisor.clock().instant())
                : new Observation.FailoverFailed(target, supervisor.clock().instant(), sentence));
        Duration total = since(started);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("action", request.action());
        fields.put("result", result.name());
        fields.put("sentence", sentence);
        fields.put("total-ms", total.toNanos() / 1e6);
        fields.put("qemu-ms", qemuNanos / 1e6);
        try {
            supervisor.trail().durable(AuditKind.ACTION_OUTCOME, target, supervisor.clock().instant(), fields);
        } catch (IOException e) {
            sentence = sentence + " (The outcome could not be written to the journal: " + e.getMessage() + ".)";
        }
        supervisor.note(target, "ACTION", "Failover " + switch (result) {
            case VERIFIED -> "verified: ";
            case ABANDONED -> "stopped: ";
            case REFUSED, FAILED -> "failed: ";
        } + sentence, result == FailoverOutcome.Result.VERIFIED ? LogEntry.Severity.WARNING
                : LogEntry.Severity.CRITICAL);
        return new FailoverOutcome(result, target, sentence, List.copyOf(reports), total,
                Duration.ofNanos(qemuNanos), Optional.empty());
    }

    private static String sentSoFar(List<FailoverStep> steps, int next) {
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < next; i++) {
            sent.add(steps.get(i).command() + " → " + steps.get(i).side().label());
        }
        return String.join(", ", sent);
    }

    private void journalStep(StepReport report) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("step", report.index());
        fields.put("command", report.step().command());
        fields.put("status", report.status().name());
        fields.put("sentence", report.sentence());
        fields.put("ms", report.took().toNanos() / 1e6);
        // buffered: the intent was forced before the first command, and the outcome's force covers every step
        supervisor.trail().record(AuditKind.ACTION_STEP, report.step().side(), supervisor.clock().instant(), fields);
    }

    private static String failureSentence(FailoverStep step, String detail) {
        if (step.kind() == FailoverStep.Kind.REFENCE_STOP) {
            return "The " + step.side().label() + " could not be stopped again (" + detail + "); it may be running "
                    + "beside the promoted side: stop or power off its host now.";
        }
        if (step.kind() == FailoverStep.Kind.FENCE_STOP) {
            return "Could not stop the " + step.side().label() + " (" + detail + "); nothing else was sent, "
                    + "so no side was promoted.";
        }
        return "The failover did not complete: " + detail + ".";
    }

    private static Map<String, Object> intentFields(FailoverRequest request, InterlockDecision decision,
                                                    List<FailoverStep> steps) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("action", request.action());
        fields.put("acknowledged-other-fenced", request.otherSideFencedAcknowledged());
        fields.put("fence-other-side", decision.fenceOtherSide());
        fields.put("interlock", decision.sentence());
        request.otherSideFence().ifPresent(fence -> fields.put("fence-proof", fence.result().name() + ": "
                + fence.sentence()));
        List<String> plan = new ArrayList<>();
        for (FailoverStep s : steps) {
            plan.add(s.command() + " → " + s.side().label());
        }
        fields.put("plan", plan);
        return fields;
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private record StepResult(StepReport.Status status, String sentence, long qemuNanos) {
    }
}
