package org.coloconsole.app.lab;

/** The lab could not start or stop; the message is a sentence the operator can act on. */
public final class LabException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why, where the lab itself can act on it. */
    public enum Reason {
        /** A port picked as free was taken by another process before QEMU bound it: new ports help. */
        PORT_TAKEN,
        OTHER
    }

    private final Reason reason;

    public LabException(String message) {
        this(message, null, Reason.OTHER);
    }

    public LabException(String message, Throwable cause) {
        this(message, cause, cause instanceof LabException lab ? lab.reason : Reason.OTHER);
    }

    LabException(String message, Throwable cause, Reason reason) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /**
     * What QEMU's own words (its stderr, or a QMP error's text) say about a failure to bind: QEMU has no error
     * class for it, so its text is read here, once, and the rest of the lab goes by {@link Reason}.
     */
    static Reason fromQemuText(String text) {
        return text != null && text.contains("Address already in use") ? Reason.PORT_TAKEN : Reason.OTHER;
    }
}
