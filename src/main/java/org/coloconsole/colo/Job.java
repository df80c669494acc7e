package org.coloconsole.colo;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One background job of one QEMU, as {@code query-jobs} (or, on a QEMU without it, {@code query-block-jobs}) and the
 * job events describe it.
 *
 * @param type            QEMU's job type (mirror, stream, commit, backup, create, amend, snapshot-*…): free text,
 *                        since QEMU adds types; {@code "unknown"} until a poll says
 * @param currentProgress work done, in units only comparable with {@code totalProgress} (bytes for block jobs)
 * @param totalProgress   an estimate that may grow while the job runs
 * @param error           why the job failed, kept until the job is gone
 */
public record Job(String id, String type, Tag<JobStatus> status, long currentProgress, long totalProgress,
                  Optional<String> error) {

    public static final String UNKNOWN_TYPE = "unknown";

    public Job {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(error, "error");
    }

    /** A job first heard of through an event, before any poll told its type and progress. */
    public static Job seen(String id, Tag<JobStatus> status) {
        return new Job(id, UNKNOWN_TYPE, status, 0, 0, Optional.empty());
    }

    public Job withStatus(Tag<JobStatus> next) {
        return new Job(id, type, next, currentProgress, totalProgress, error);
    }

    public Job withError(String text) {
        return new Job(id, type, status, currentProgress, totalProgress, Optional.of(text));
    }

    public Job withProgress(long current, long total) {
        return new Job(id, type, status, current, total, error);
    }

    /** Done in [0, 1], or empty while QEMU has not estimated the total yet. */
    public Optional<Double> fraction() {
        if (totalProgress <= 0) {
            return Optional.empty();
        }
        return Optional.of(Math.min(1.0, Math.max(0.0, (double) currentProgress / totalProgress)));
    }

    /**
     * Whether the job still copies: running and short of its total. Only then has it a rate and a time left
     * ({@link TransferRate}); in sync, paused or done, a rate would be stale.
     */
    public boolean copying() {
        return status.is(JobStatus.RUNNING) && (totalProgress <= 0 || currentProgress < totalProgress);
    }

    public Set<JobAction> allowedActions() {
        return JobActions.allowed(status);
    }

    public boolean failed() {
        return error.isPresent();
    }
}
