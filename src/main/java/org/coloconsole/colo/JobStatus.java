package org.coloconsole.colo;

/**
 * QEMU's JobStatus (qapi/job.json). {@code NULL} means the job is gone; a status this build does not know is
 * {@code UNKNOWN} with the raw string kept in its {@link Tag}.
 */
public enum JobStatus {
    UNDEFINED,
    CREATED,
    RUNNING,
    PAUSED,
    READY,
    STANDBY,
    WAITING,
    PENDING,
    ABORTING,
    CONCLUDED,
    NULL,
    UNKNOWN;

    public static Tag<JobStatus> tag(String raw) {
        return Tag.of(JobStatus.class, raw);
    }
}
