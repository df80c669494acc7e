package org.coloconsole.engine;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.coloconsole.colo.Job;
import org.coloconsole.colo.JobAction;
import org.coloconsole.colo.JobActions;
import org.coloconsole.colo.Side;
import org.coloconsole.colo.SideState;
import org.coloconsole.qmp.QmpCommandException;

/**
 * Sends an operator's job action ({@code job-pause} etc.) to one side: checked against the job's status first, the
 * intent made durable in the audit trail before anything is sent, the outcome journaled after. Runs on its own
 * thread; never on the FX thread or a reader.
 */
public final class JobActionRunner implements AutoCloseable {
    private final PairSupervisor supervisor;
    private final Duration timeout;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread t = new Thread(runnable, "job-action-runner");
        t.setDaemon(true);
        return t;
    });

    public JobActionRunner(PairSupervisor supervisor, Duration timeout) {
        this.supervisor = supervisor;
        this.timeout = timeout;
    }

    public JobActionRunner(PairSupervisor supervisor) {
        this(supervisor, Duration.ofSeconds(5));
    }

    public CompletableFuture<JobActionOutcome> run(Side side, JobAction action, String jobId) {
        return CompletableFuture.supplyAsync(() -> execute(side, action, jobId), worker);
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }

    private JobActionOutcome execute(Side side, JobAction action, String jobId) {
        SideState state;
        try {
            state = supervisor.settled().get(timeout.toMillis(), TimeUnit.MILLISECONDS).state().side(side);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return outcome(JobActionOutcome.Result.FAILED, side, action, jobId, "Interrupted; nothing was sent.");
        } catch (ExecutionException | TimeoutException e) {
            return outcome(JobActionOutcome.Result.FAILED, side, action, jobId,
                    "The console could not read the " + side.label() + "'s state; nothing was sent.");
        }
        Optional<String> refusal = refusal(state, action, jobId);
        if (refusal.isPresent()) {
            Map<String, Object> fields = fields(action, jobId, state.jobs().get(jobId));
            fields.put("refused", refusal.get());
            supervisor.trail().record(AuditKind.ACTION_REFUSED, side, supervisor.clock().instant(), fields);
            supervisor.note(side, "ACTION", "Refused to " + action.verb() + " job '" + jobId + "': " + refusal.get(),
                    LogEntry.Severity.WARNING);
            return outcome(JobActionOutcome.Result.REFUSED, side, action, jobId, refusal.get());
        }
        Job job = state.jobs().get(jobId);
        try {
            supervisor.trail().durable(AuditKind.ACTION_INTENT, side, supervisor.clock().instant(), fields(action, jobId, job));
        } catch (IOException e) {
            return outcome(JobActionOutcome.Result.FAILED, side, action, jobId, "The intent could not be written to "
                    + "the journal (" + e.getMessage() + "); nothing was sent to QEMU.");
        }
        supervisor.note(side, "ACTION", action.command() + " '" + jobId + "' → " + side.label(),
                LogEntry.Severity.INFO);
        return finish(send(side, action, jobId));
    }

    /** Why the console will not send it, or empty when it may. */
    private static Optional<String> refusal(SideState state, JobAction action, String jobId) {
        String side = state.side().label();
        if (!state.answering()) {
            return Optional.of("The " + side + " does not answer; nothing was sent.");
        }
        Job job = state.jobs().get(jobId);
        if (job == null) {
            return Optional.of("The " + side + " has no job '" + jobId + "'.");
        }
        if (!JobActions.allows(job.status(), action)) {
            StringBuilder sentence = new StringBuilder("Job '").append(jobId).append("' on the ").append(side)
                    .append(" is ").append(job.status().raw()).append(", and QEMU does not accept ")
                    .append(action.verb()).append(" then");
            if (job.allowedActions().isEmpty()) {
                sentence.append(" (nor any other action).");
            } else {
                sentence.append("; it accepts ").append(verbs(job)).append('.');
            }
            return Optional.of(sentence.toString());
        }
        return Optional.empty();
    }

    private JobActionOutcome send(Side side, JobAction action, String jobId) {
        try {
            supervisor.link(side).client().execute(action.command(), Map.of("id", jobId), timeout)
                    .get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
            return outcome(JobActionOutcome.Result.DONE, side, action, jobId, "QEMU accepted " + action.command()
                    + " for job '" + jobId + "' on the " + side.label() + ".");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof QmpCommandException q) {
                return new JobActionOutcome(JobActionOutcome.Result.QEMU_REFUSED, side, action, jobId,
                        "QEMU refused to " + action.verb() + " job '" + jobId + "' on the " + side.label() + " ("
                                + q.errorClass() + "): " + q.description(), Optional.of(q.errorClass()));
            }
            return outcome(JobActionOutcome.Result.FAILED, side, action, jobId, action.command() + " to the "
                    + side.label() + " got no answer: " + cause.getMessage());
        } catch (TimeoutException e) {
            return outcome(JobActionOutcome.Result.FAILED, side, action, jobId, action.command() + " to the "
                    + side.label() + " got no answer within " + timeout.toMillis() + " ms; it may still happen.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return outcome(JobActionOutcome.Result.FAILED, side, action, jobId, "Interrupted while waiting for QEMU.");
        }
    }

    private JobActionOutcome finish(JobActionOutcome outcome) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("action", outcome.action().command());
        fields.put("job", outcome.jobId());
        fields.put("result", outcome.result().name());
        fields.put("sentence", outcome.sentence());
        outcome.errorClass().ifPresent(c -> fields.put("error-class", c));
        JobActionOutcome journaled = outcome;
        try {
            supervisor.trail().durable(AuditKind.ACTION_OUTCOME, outcome.side(), supervisor.clock().instant(), fields);
        } catch (IOException e) {
            journaled = new JobActionOutcome(outcome.result(), outcome.side(), outcome.action(), outcome.jobId(),
                    outcome.sentence() + " (The outcome could not be written to the journal: " + e.getMessage()
                            + ".)", outcome.errorClass());
        }
        supervisor.note(outcome.side(), "ACTION", journaled.sentence(),
                outcome.done() ? LogEntry.Severity.INFO : LogEntry.Severity.WARNING);
        return journaled;
    }

    private static Map<String, Object> fields(JobAction action, String jobId, Job job) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("action", action.command());
        fields.put("job", jobId);
        if (job != null) {
            fields.put("job-type", job.type());
            fields.put("job-status", job.status().raw());
        }
        return fields;
    }

    private static String verbs(Job job) {
        StringBuilder text = new StringBuilder();
        for (JobAction a : job.allowedActions()) {
            text.append(text.length() == 0 ? "" : ", ").append(a.verb());
        }
        return text.toString();
    }

    private static JobActionOutcome outcome(JobActionOutcome.Result result, Side side, JobAction action, String jobId,
                                            String sentence) {
        return new JobActionOutcome(result, side, action, jobId, sentence, Optional.empty());
    }
}
