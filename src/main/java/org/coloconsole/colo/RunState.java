package org.coloconsole.colo;

/**
 * QEMU's RunState (7.2). Read through {@link Tag}: a state a newer QEMU adds is UNKNOWN with its raw string kept.
 * {@code colo} is what a side reads during a checkpoint.
 */
public enum RunState {
    DEBUG,
    INMIGRATE,
    INTERNAL_ERROR,
    IO_ERROR,
    PAUSED,
    POSTMIGRATE,
    PRELAUNCH,
    FINISH_MIGRATE,
    RESTORE_VM,
    RUNNING,
    SAVE_VM,
    SHUTDOWN,
    SUSPENDED,
    WATCHDOG,
    GUEST_PANICKED,
    COLO,
    UNKNOWN
}
