package org.coloconsole.qmp;

/** The monitor could not be reached, or did not greet in time. */
public final class QmpConnectException extends QmpException {
    private static final long serialVersionUID = 1L;

    /** Why, so that callers can tell a dead process from an unreachable host without reading text. */
    public enum Reason {
        /** Nothing listens there (connection refused, or the socket file is missing): the process is gone. */
        REFUSED,
        /** The connect itself did not complete in time: the host or network does not answer. */
        CONNECT_TIMEOUT,
        /** Connected, but no greeting in time: another client holds the monitor, or QEMU is stopped or hung. */
        NO_GREETING,
        /**
         * The connection was refused on security grounds, by the console (plain TCP to a non-loopback address, TLS
         * files it cannot use, a server certificate it does not trust) or by QEMU (a client certificate it does not
         * accept). Says nothing about whether the process runs; retrying will not help until a setting changes.
         */
        REJECTED,
        /** Any other I/O failure while connecting. */
        IO
    }

    private final transient Endpoint endpoint;
    private final Reason reason;

    public QmpConnectException(Endpoint endpoint, Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.endpoint = endpoint;
        this.reason = reason;
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    public Reason reason() {
        return reason;
    }
}
