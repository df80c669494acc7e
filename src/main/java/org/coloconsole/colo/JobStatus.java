package org.coloconsole.colo;

/** QEMU's JobStatus (JOB_STATUS_CHANGE), read through {@link Tag}; {@code null} means the job is gone. */
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
    UNKNOWN
}
