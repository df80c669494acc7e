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
        EnumSet<JobAction> actions = EnumSet.noneOf(JobAction.class);
        switch (status) {
            case CREATED:
            case RUNNING:
                actions.add(JobAction.PAUSE);
                actions.add(JobAction.CANCEL);
                break;
            case PAUSED:
                actions.add(JobAction.RESUME);
                actions.add(JobAction.CANCEL);
                break;
            case READY:
                actions.add(JobAction.PAUSE);
                actions.add(JobAction.CANCEL);
                actions.add(JobAction.COMPLETE);
                break;
            case STANDBY:
                // a ready job that was paused: QEMU shows "standby", not "paused"
                actions.add(JobAction.RESUME);
                actions.add(JobAction.CANCEL);
                actions.add(JobAction.COMPLETE);
                break;
            case WAITING:
                actions.add(JobAction.CANCEL);
                break;
            case PENDING:
                actions.add(JobAction.CANCEL);
                actions.add(JobAction.FINALIZE);
                break;
            case CONCLUDED:
                actions.add(JobAction.DISMISS);
                break;
            case UNDEFINED:
            case ABORTING:
            case NULL:
            case UNKNOWN:
            default:
                break;
        }
        return Collections.unmodifiableSet(actions);
    }

    /** Whether QEMU would accept {@code action} for a job in {@code status}. */
    public static boolean allows(Tag<JobStatus> status, JobAction action) {
        return allowed(status).contains(action);
    }
}
