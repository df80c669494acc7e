package org.coloconsole.colo;

/** Why a connect attempt failed, as the wire layer classified it. */
public enum ConnectFailure {
    /** Nothing listens: the process is gone. */
    REFUSED,
    /** The connect timed out: host or network unreachable. */
    CONNECT_TIMEOUT,
    /** Connected, but no greeting: QEMU hung or stopped, or another client holds the monitor. */
    NO_GREETING,
    /** Anything else. */
    IO
}
