package org.coloconsole.app.lab;

/** The lab could not start or stop; the message is a sentence the operator can act on. */
public final class LabException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LabException(String message) {
        super(message);
    }

    public LabException(String message, Throwable cause) {
        super(message, cause);
    }
}
