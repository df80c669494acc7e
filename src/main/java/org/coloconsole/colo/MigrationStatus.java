package org.coloconsole.colo;

/**
 * QEMU's MigrationStatus (7.2), read through {@link Tag} so that a new status keeps its raw string. {@code colo}
 * means COLO replicates; {@code none} is also what the console says when {@code query-migrate} answers {@code {}}.
 */
public enum MigrationStatus {
    NONE,
    SETUP,
    CANCELLING,
    CANCELLED,
    ACTIVE,
    POSTCOPY_ACTIVE,
    POSTCOPY_PAUSED,
    POSTCOPY_RECOVER,
    COMPLETED,
    FAILED,
    COLO,
    PRE_SWITCHOVER,
    DEVICE,
    WAIT_UNPLUG,
    UNKNOWN
}
