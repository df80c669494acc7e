package org.coloconsole.engine;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.coloconsole.colo.ColoMode;
import org.coloconsole.colo.ProbeResult;
import org.coloconsole.colo.ProtectionHistory;
import org.coloconsole.colo.ReprotectCheck;
import org.coloconsole.colo.ReprotectFacts;
import org.coloconsole.colo.ReprotectOptions;
import org.coloconsole.colo.ReprotectPlan;
import org.coloconsole.colo.ReprotectStep;
import org.coloconsole.colo.RunState;
import org.coloconsole.colo.ServiceCheck;
import org.coloconsole.colo.ServiceProbe;
import org.coloconsole.colo.Side;
import org.coloconsole.qmp.EventSubscription;
import org.coloconsole.qmp.QmpClient;
import org.coloconsole.qmp.QmpCommandException;
import org.coloconsole.qmp.QmpValue;

/**
 * Restores protection after a failover (docs/colo-full-pair.md, "Resume replication on the survivor"), or protects a
 * plain pair that was never in COLO with the same flow ({@link ProtectionHistory} only changes the words): the survivor
 * of the supervisor's pair is its {@link Side#PRIMARY}, the new QEMU (started with {@code -incoming defer}) its
 * {@link Side#SECONDARY}. Checks both sides ({@link ReprotectCheck}), journals the intent, runs the plan step by step
 * with QEMU's answers journaled, and on any failure takes back what it added from a fresh discovery of the survivor
 * and resumes its guest, so that the flow can be run again. Blocking: run it off the FX thread.
 */
public final class Reprotection {
    private static final long POLL_MILLIS = 50;
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    private final PairSupervisor supervisor;
    private final Duration stepTimeout;
    private final Timeouts timeouts;
    private final ReprotectReader reader;
    private final ProbeRunner probes;
    private final PairClaims claims;

    /**
     * @param mirror     how long the copy may take until ready
     * @param colo       how long COLO may take to come up after {@code migrate}
     * @param checkpoint how long to wait for the first checkpoint once COLO is up
     */
    public record Timeouts(Duration mirror, Duration colo, Duration checkpoint) {
        /**
         * The console's bounds for a pair checkpointing every {@code checkpointDelay}: the first checkpoint may take
         * three intervals and 5 s more.
         */
        public static Timeouts of(Duration mirror, Duration colo, Duration checkpointDelay) {
            return new Timeouts(mirror, colo, checkpointDelay.multipliedBy(3).plusSeconds(5));
        }
    }

    /**
     * @param claims who this process is when it claims the pair: restoring protection holds the same lock and claim
     *               as a failover, so two consoles never act on one pair at once (docs/colo-behaviour.md, "The claim")
     */
    public Reprotection(PairSupervisor supervisor, Duration stepTimeout, Timeouts timeouts, PairClaims claims) {
        this.supervisor = supervisor;
        this.claims = claims;
        this.stepTimeout = stepTimeout;
        this.timeouts = timeouts;
        this.reader = new ReprotectReader(stepTimeout);
        this.probes = new ProbeRunner(supervisor.clock(), PROBE_TIMEOUT, supervisor.config().probes().allowRemote());
    }

    /** Both sides read afresh, for the check and the plan. */
    public ReprotectFacts read() throws InterruptedException {
        return reader.read(client(Side.PRIMARY), client(Side.SECONDARY));
    }

    public ReprotectOutcome run(ReprotectOptions options, Consumer<ReprotectReport> progress)
            throws InterruptedException {
        long started = System.nanoTime();
        try (PairClaim claim = claims.open(supervisor, stepTimeout)) {
            Optional<String> refusal = claim.lockHost();
            if (refusal.isEmpty()) {
                refusal = claim.claimSides(Side.PRIMARY);
            }
            if (refusal.isPresent()) {
                Map<String, Object> fields = new LinkedHashMap<>();
                // from what the supervisor last read: a refused restore sends nothing, not even queries
                fields.put("action", supervisor.snapshot().state().primary().lastMode().map(ProtectionHistory::of)
                        .orElse(ProtectionHistory.AFTER_FAILOVER).action());
                fields.put("refused", refusal.get());
                supervisor.trail().record(AuditKind.ACTION_REFUSED, Side.PRIMARY, supervisor.clock().instant(),
                        fields);
                return new ReprotectOutcome(ReprotectOutcome.Result.REFUSED, refusal.get(), List.of(), List.of(),
                        since(started), Optional.empty(), Optional.empty());
            }
            return runClaimed(options, progress, started);
        }
    }

    private ReprotectOutcome runClaimed(ReprotectOptions options, Consumer<ReprotectReport> progress, long started)
            throws InterruptedException {
        ReprotectFacts facts = read();
        ProtectionHistory history = facts.history();
        List<ReprotectCheck.Problem> problems = ReprotectCheck.problems(facts, options);
        if (!problems.isEmpty()) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("action", history.action());
            fields.put("refused", problems.stream().map(ReprotectCheck.Problem::sentence).toList());
            supervisor.trail().record(AuditKind.ACTION_REFUSED, Side.PRIMARY, supervisor.clock().instant(), fields);
            return new ReprotectOutcome(ReprotectOutcome.Result.REFUSED, problems.get(0).sentence(), List.of(),
                    problems, since(started), Optional.empty(), Optional.empty());
        }
        ReprotectPlan.Outline outline = ReprotectPlan.outline(facts, options);
        List<ReprotectStep> steps = outline.steps();
        try {
            Map<String, Object> intent = new LinkedHashMap<>();
            intent.put("action", history.action());
            intent.put("history", history.name());
            intent.put("survivor", facts.survivor().summary());
            intent.put("new-side", facts.fresh().summary());
            intent.put("plan", steps.stream().map(s -> s.command() + " → " + s.side().label()).toList());
            intent.put("skipped", outline.skipped().stream().map(ReprotectPlan.Skipped::sentence).toList());
            supervisor.trail().durable(AuditKind.ACTION_INTENT, Side.PRIMARY, supervisor.clock().instant(), intent);
        } catch (IOException e) {
            return new ReprotectOutcome(ReprotectOutcome.Result.REFUSED, "The intent could not be written to the "
                    + "journal (" + e.getMessage() + "); nothing was sent to QEMU.", List.of(), List.of(),
                    since(started), Optional.empty(), Optional.empty());
        }
        supervisor.note(Side.PRIMARY, "ACTION", history == ProtectionHistory.NEVER_PROTECTED
                ? "Protecting the pair: the primary's guest is copied to the secondary"
                : "Restoring protection onto the new secondary", LogEntry.Severity.WARNING);
        return new Run(history, steps, progress, started).execute();
    }

    private QmpClient client(Side side) {
        return supervisor.link(side).client();
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** One run of the plan: its reports, what it added, and the window's times. */
    private final class Run {
        private final ProtectionHistory history;
        private final List<ReprotectStep> steps;
        private final Consumer<ReprotectReport> progress;
        private final long started;
        private final List<ReprotectReport> reports = new ArrayList<>();
        private final List<String> addedChardevs = new ArrayList<>();
        private boolean nbdStarted;
        private boolean incomingSent;
        private long mirrorSent;
        /** QEMU's BLOCK_JOB_READY for the copy: the wait ends on it rather than on the next poll. */
        private final CountDownLatch mirrorReady = new CountDownLatch(1);
        private volatile long mirrorReadyAt;
        private EventSubscription mirrorEvents;
        private Optional<Duration> mirror = Optional.empty();
        private long stopSent;
        private Optional<Duration> outage = Optional.empty();

        Run(ProtectionHistory history, List<ReprotectStep> steps, Consumer<ReprotectReport> progress, long started) {
            this.history = history;
            this.steps = steps;
            this.progress = progress;
            this.started = started;
        }

        ReprotectOutcome execute() throws InterruptedException {
            try {
                return steps();
            } catch (RuntimeException e) {
                // a fault of the console's own mid-flow must not leave the survivor's guest stopped
                return undo(null, "the console failed: " + e);
            } catch (InterruptedException e) {
                // asked to stop mid-flow (the window closing, the process shutting down): the interrupt is cleared
                // now, so the undo can still reach QEMU and resume the survivor's guest; then it is passed on
                try {
                    return undo(null, "the console was asked to stop mid-flow");
                } finally {
                    Thread.currentThread().interrupt();
                }
            } finally {
                if (mirrorEvents != null) {
                    mirrorEvents.close();
                }
            }
        }

        private ReprotectOutcome steps() throws InterruptedException {
            for (int i = 0; i < steps.size(); i++) {
                ReprotectStep step = steps.get(i);
                progress.accept(new ReprotectReport(i + 1, steps.size(), step, StepReport.Status.RUNNING,
                        step.sentence(), Duration.ZERO));
                long stepStart = System.nanoTime();
                Result result = step.kind().waits() ? await(step, i) : send(step);
                ReprotectReport report = new ReprotectReport(i + 1, steps.size(), step, result.status,
                        result.sentence, since(stepStart));
                finished(report);
                if (result.status == StepReport.Status.FAILED) {
                    return undo(step, result.sentence);
                }
            }
            ServiceCheck.Judgement service = probe();
            if (service.verdict() == ServiceCheck.Verdict.NOT_YET) {
                return undo(null, "COLO runs but the guest's service does not answer: " + service.sentence());
            }
            String sentence = (history == ProtectionHistory.NEVER_PROTECTED ? "Protected: " : "Protected again: ")
                    + history.primary() + " is COLO primary, " + history.secondary() + " COLO secondary, "
                    + "checkpoints flow; " + (service.verdict() == ServiceCheck.Verdict.SERVING ? service.sentence()
                    : "service not checked (no probe).") + outage.map(o -> " The guest was stopped "
                    + o.toMillis() + " ms.").orElse("");
            return finish(ReprotectOutcome.Result.PROTECTED, sentence);
        }

        private void finished(ReprotectReport report) {
            reports.add(report);
            progress.accept(report);
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("step", report.index());
            fields.put("step-kind", report.step().kind().name());
            fields.put("command", report.step().command());
            fields.put("arguments", report.step().arguments());
            fields.put("status", report.status().name());
            fields.put("answer", report.sentence());
            fields.put("ms", report.took().toNanos() / 1e6);
            supervisor.trail().record(AuditKind.ACTION_STEP, report.step().side(), supervisor.clock().instant(),
                    fields);
        }

        private Result send(ReprotectStep step) throws InterruptedException {
            if (step.kind() == ReprotectStep.Kind.STOP_GUEST) {
                stopSent = System.nanoTime();
            }
            if (step.kind() == ReprotectStep.Kind.MIRROR) {
                // subscribed before the command, so that a copy ready at once is not missed; on the reader thread
                // the handler only notes the time
                mirrorEvents = client(Side.PRIMARY).subscribe(Set.of("BLOCK_JOB_READY"), event -> {
                    if (event.data().string("device").filter(ReprotectOptions.MIRROR_JOB::equals).isPresent()) {
                        mirrorReadyAt = System.nanoTime();
                        mirrorReady.countDown();
                    }
                });
                mirrorSent = System.nanoTime();
            }
            try {
                QmpValue answer = client(step.side()).execute(step.command(), step.arguments(), stepTimeout)
                        .get(stepTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
                if (step.command().equals("human-monitor-command") && answer.isString()
                        && !answer.asText().isBlank()) {
                    // HMP reports its errors as text in a successful reply
                    return new Result(StepReport.Status.FAILED, step.command() + " → " + step.side().label()
                            + ": QEMU answered \"" + answer.asText().strip() + "\"");
                }
                switch (step.kind()) {
                    case ADD_CHARDEV -> addedChardevs.add((String) step.arguments().get("id"));
                    case START_NBD -> nbdStarted = true;
                    case INCOMING -> incomingSent = true;
                    default -> { }
                }
                return new Result(StepReport.Status.DONE, step.command() + " → " + step.side().label() + ": "
                        + (answer.isObject() && answer.size() == 0 || answer.isString() && answer.asText().isBlank() ? "done"
                        : answer.toJson()));
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                return new Result(StepReport.Status.FAILED, step.command() + " → " + step.side().label()
                        + " failed: " + (cause instanceof QmpCommandException q ? q.errorClass() + ": "
                        + q.description() : String.valueOf(cause)));
            } catch (TimeoutException e) {
                return new Result(StepReport.Status.FAILED, step.command() + " → " + step.side().label()
                        + ": no answer within " + stepTimeout.toMillis() + " ms");
            }
        }

        private Result await(ReprotectStep step, int index) throws InterruptedException {
            switch (step.kind()) {
                case AWAIT_MIRROR_READY:
                    return awaitMirrorReady(step, index);
                case AWAIT_MIRROR_GONE:
                    return awaitMirrorGone();
                case AWAIT_COLO:
                    return awaitColo();
                default:
                    return awaitCheckpoint();
            }
        }

        private Result awaitMirrorReady(ReprotectStep step, int index) throws InterruptedException {
            long deadline = System.nanoTime() + timeouts.mirror().toNanos();
            long lastReport = System.nanoTime();
            while (System.nanoTime() < deadline) {
                Optional<QmpValue> job = reader.job(client(Side.PRIMARY), ReprotectOptions.MIRROR_JOB);
                if (job.isEmpty()) {
                    return new Result(StepReport.Status.FAILED, "the copy job " + ReprotectOptions.MIRROR_JOB
                            + " is gone before it was ready");
                }
                String status = job.get().string("status").orElse("?");
                long done = job.get().get("current-progress").asLong(0);
                long total = job.get().get("total-progress").asLong(0);
                if (job.get().string("error").isPresent()) {
                    return new Result(StepReport.Status.FAILED, "the copy failed: "
                            + job.get().string("error").get());
                }
                if (status.equals("ready")) {
                    mirror = Optional.of(Duration.ofNanos((mirrorReady.getCount() == 0 ? mirrorReadyAt
                            : System.nanoTime()) - mirrorSent));
                    return new Result(StepReport.Status.DONE, "the copy is ready: " + mib(total) + " in "
                            + mirror.get().toMillis() + " ms");
                }
                if (status.equals("concluded") || status.equals("aborting") || status.equals("null")) {
                    return new Result(StepReport.Status.FAILED, "the copy job ended (" + status + ") before it "
                            + "was ready");
                }
                if (System.nanoTime() - lastReport > TimeUnit.SECONDS.toNanos(1)) {
                    lastReport = System.nanoTime();
                    progress.accept(new ReprotectReport(index + 1, steps.size(), step, StepReport.Status.RUNNING,
                            "copying: " + mib(done) + " of " + mib(total) + " (" + status + ")",
                            since(mirrorSent)));
                }
                if (mirrorReady.getCount() > 0) {
                    mirrorReady.await(POLL_MILLIS, TimeUnit.MILLISECONDS);
                } else {
                    TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
                }
            }
            return new Result(StepReport.Status.FAILED, "the copy was not ready within "
                    + timeouts.mirror().toSeconds() + " s");
        }

        private Result awaitMirrorGone() throws InterruptedException {
            long deadline = System.nanoTime() + stepTimeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (reader.job(client(Side.PRIMARY), ReprotectOptions.MIRROR_JOB).isEmpty()) {
                    return new Result(StepReport.Status.DONE, "the copy job is gone");
                }
                TimeUnit.MILLISECONDS.sleep(5);
            }
            return new Result(StepReport.Status.FAILED, "the copy job was still there " + stepTimeout.toMillis()
                    + " ms after its cancel");
        }

        /** Both modes, the survivor's migration in colo, and its guest running again (the window closes). */
        private Result awaitColo() throws InterruptedException {
            long deadline = System.nanoTime() + timeouts.colo().toNanos();
            String last = "";
            while (System.nanoTime() < deadline) {
                QmpValue migration = reader.ask(client(Side.PRIMARY), "query-migrate");
                String status = migration.string("status").orElse("?");
                if (status.equals("failed") || status.equals("cancelled") || status.equals("completed")) {
                    return new Result(StepReport.Status.FAILED, "the survivor's migration " + status
                            + migration.string("error-desc").map(d -> ": " + d).orElse("")
                            + (status.equals("completed") ? " instead of entering COLO" : ""));
                }
                boolean primary = reader.mode(client(Side.PRIMARY)).is(ColoMode.PRIMARY);
                boolean secondary = reader.mode(client(Side.SECONDARY)).is(ColoMode.SECONDARY);
                boolean running = reader.run(client(Side.PRIMARY)).is(RunState.RUNNING);
                last = "migration " + status + ", survivor " + (primary ? "" : "not ") + "primary, new side "
                        + (secondary ? "" : "not ") + "secondary, guest " + (running ? "running" : "stopped");
                if (primary && secondary && status.equals("colo") && running) {
                    outage = Optional.of(since(stopSent));
                    return new Result(StepReport.Status.DONE, "COLO runs (survivor primary, new side secondary, "
                            + "migration colo); the guest runs again after " + outage.get().toMillis() + " ms");
                }
                TimeUnit.MILLISECONDS.sleep(10);
            }
            return new Result(StepReport.Status.FAILED, "COLO did not come up within "
                    + timeouts.colo().toSeconds() + " s (" + last + ")");
        }

        /** A RESUME on the survivor after COLO came up is a checkpoint's end. */
        private Result awaitCheckpoint() throws InterruptedException {
            AtomicInteger resumes = new AtomicInteger();
            EventSubscription subscription = client(Side.PRIMARY).subscribe(Set.of("RESUME"),
                    event -> resumes.incrementAndGet());
            try {
                long begun = System.nanoTime();
                long deadline = begun + timeouts.checkpoint().toNanos();
                while (System.nanoTime() < deadline) {
                    if (resumes.get() > 0) {
                        return new Result(StepReport.Status.DONE, "a checkpoint after "
                                + since(begun).toMillis() + " ms");
                    }
                    TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
                }
                return new Result(StepReport.Status.FAILED, "no checkpoint within "
                        + timeouts.checkpoint().toMillis() + " ms of COLO coming up");
            } finally {
                subscription.close();
            }
        }

        /** The survivor's service, by the one rule of {@link ServiceCheck}, until it serves or the bound passes. */
        private ServiceCheck.Judgement probe() throws InterruptedException {
            Optional<ServiceProbe> probe = supervisor.config().probes().of(Side.PRIMARY);
            List<ProbeResult> results = new ArrayList<>();
            ServiceCheck.Judgement judgement = ServiceCheck.judge(probe, results);
            long deadline = System.nanoTime() + supervisor.config().probes().within().toNanos();
            while (judgement.verdict() == ServiceCheck.Verdict.NOT_YET && System.nanoTime() < deadline) {
                results.add(probes.run(Side.PRIMARY, probe.orElseThrow()));
                judgement = ServiceCheck.judge(probe, results);
                if (judgement.verdict() == ServiceCheck.Verdict.NOT_YET) {
                    TimeUnit.MILLISECONDS.sleep(100);
                }
            }
            return judgement;
        }

        /**
         * Takes back what this run added, from what the survivor has now: a failure of an undo step is noted and the
         * undo goes on, so that the guest is resumed whatever else QEMU refused.
         */
        private ReprotectOutcome undo(ReprotectStep failed, String why) throws InterruptedException {
            QmpClient survivor = client(Side.PRIMARY);
            List<ReprotectStep> undo = ReprotectPlan.undo(reader.topology(survivor), reader.mode(survivor),
                    reader.job(survivor, ReprotectOptions.MIRROR_JOB).isPresent(), addedChardevs, nbdStarted);
            for (int i = 0; i < undo.size(); i++) {
                ReprotectStep step = undo.get(i);
                long stepStart = System.nanoTime();
                Result result = send(step);
                finished(new ReprotectReport(i + 1, undo.size(), step, result.status == StepReport.Status.FAILED
                        ? StepReport.Status.SKIPPED : result.status, result.sentence, since(stepStart)));
            }
            boolean alone = reader.run(survivor).is(RunState.RUNNING)
                    && reader.mode(survivor).is(ColoMode.NONE);
            String what = (failed == null ? "" : "Step \"" + failed.sentence() + "\" failed: ") + why + ".";
            String restart = incomingSent ? " The new side has been told to listen for a migration: restart it "
                    + "with -incoming defer before running this again." : " The flow can be run again.";
            if (alone) {
                return finish(ReprotectOutcome.Result.UNDONE, what + " What was added was taken back; the survivor "
                        + "runs alone, unprotected." + restart);
            }
            return finish(ReprotectOutcome.Result.FAILED, what + " The undo did not bring the survivor back to "
                    + "running alone (" + reader.run(survivor).raw() + ", COLO " + reader.mode(survivor).raw()
                    + "): check it now.");
        }

        private ReprotectOutcome finish(ReprotectOutcome.Result result, String sentence) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("action", history.action());
            fields.put("result", result.name());
            fields.put("sentence", sentence);
            fields.put("total-ms", since(started).toNanos() / 1e6);
            mirror.ifPresent(m -> fields.put("mirror-ms", m.toNanos() / 1e6));
            outage.ifPresent(o -> fields.put("outage-ms", o.toNanos() / 1e6));
            String said = sentence;
            try {
                supervisor.trail().durable(AuditKind.ACTION_OUTCOME, Side.PRIMARY, supervisor.clock().instant(),
                        fields);
            } catch (IOException e) {
                said = sentence + " (The outcome could not be written to the journal: " + e.getMessage() + ".)";
            }
            supervisor.note(Side.PRIMARY, "ACTION", Character.toUpperCase(history.action().charAt(0))
                    + history.action().substring(1) + ": " + said,
                    result == ReprotectOutcome.Result.PROTECTED ? LogEntry.Severity.WARNING
                            : LogEntry.Severity.CRITICAL);
            return new ReprotectOutcome(result, said, reports, List.of(), since(started), mirror, outage);
        }
    }

    private static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / 1048576.0);
    }

    private record Result(StepReport.Status status, String sentence) {
    }
}
