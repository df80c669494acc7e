package org.coloconsole.qmp;

/** The client is not in a state that allows the call (e.g. a command before {@code connect}). */
public final class QmpStateException extends QmpException {
    private static final long serialVersionUID = 1L;

    public QmpStateException(String message) {
        super(message, null);
    }
}
