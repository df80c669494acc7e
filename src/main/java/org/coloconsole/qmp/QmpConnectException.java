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
