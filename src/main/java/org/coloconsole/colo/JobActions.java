package org.coloconsole.colo;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which actions QEMU accepts in which job status: QEMU's JobVerbTable (job.c; complete is allowed in standby since
 * QEMU 6.0), narrowed by the two checks QEMU makes before the table: {@code job-pause} of a job that is already
 * paused fails ("Job is already paused"), and {@code job-resume} of a job that is not paused fails ("Can't resume a
 * job that was not paused"). An unknown status allows nothing: the console does not guess.
 */
public final class JobActions {
    private JobActions() {
    }

    public static Set<JobAction> allowed(Tag<JobStatus> status) {
        return allowed(status.value());
    }

    public static Set<JobAction> allowed(JobStatus status) {
        // exhaustive: a job status QEMU adds is a compile error here, not a silent "no actions"
        Set<JobAction> actions = switch (status) {
            case CREATED, RUNNING -> EnumSet.of(JobAction.PAUSE, JobAction.CANCEL);
            case PAUSED -> EnumSet.of(JobAction.RESUME, JobAction.CANCEL);
            case READY -> EnumSet.of(JobAction.PAUSE, JobAction.CANCEL, JobAction.COMPLETE);
            // a ready job that was paused: QEMU shows "standby", not "paused"
            case STANDBY -> EnumSet.of(JobAction.RESUME, JobAction.CANCEL, JobAction.COMPLETE);
            case WAITING -> EnumSet.of(JobAction.CANCEL);
            case PENDING -> EnumSet.of(JobAction.CANCEL, JobAction.FINALIZE);
            case CONCLUDED -> EnumSet.of(JobAction.DISMISS);
            case UNDEFINED, ABORTING, NULL, UNKNOWN -> EnumSet.noneOf(JobAction.class);
        };
        return Collections.unmodifiableSet(actions);
    }

    /** Whether QEMU would accept {@code action} for a job in {@code status}. */
    public static boolean allows(Tag<JobStatus> status, JobAction action) {
        return allowed(status).contains(action);
    }
}
