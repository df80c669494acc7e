package org.coloconsole.colo;

/** Why a connect attempt failed, as the wire layer classified it. */
public enum ConnectFailure {
    /** Nothing listens: the process is gone. */
    REFUSED,
    /** The connect timed out: host or network unreachable. */
    CONNECT_TIMEOUT,
    /** Connected, but no greeting: QEMU hung or stopped, or another client holds the monitor. */
    NO_GREETING,
    /** Refused on security grounds (TLS, plain TCP off loopback): says nothing about the process. */
    REJECTED,
    /** Anything else. */
    IO
}
