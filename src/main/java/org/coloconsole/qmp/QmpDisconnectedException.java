package org.coloconsole.qmp;

/** The peer closed the connection cleanly, between two messages (QEMU quit, or was killed). */
public final class QmpDisconnectedException extends QmpException {
    private static final long serialVersionUID = 1L;

    public QmpDisconnectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
