package org.coloconsole.qmp;

/** The peer broke the protocol; the session is ended and this is kept as the cause. */
public final class QmpProtocolException extends QmpException {
    private static final long serialVersionUID = 1L;

    /** What was wrong with what the peer sent. */
    public enum Kind {
        BAD_GREETING,
        NEGOTIATION_FAILED,
        MALFORMED_JSON,
        INVALID_UTF8,
        NOT_AN_OBJECT,
        LINE_TOO_LONG,
        /** The peer closed, or the read failed, in the middle of a line. */
        TRUNCATED_LINE,
        /** A reply without an id while calls were pending: it cannot be routed, so every call's fate is unknown. */
        UNROUTABLE_REPLY,
        /** A message that is neither a reply nor an event. */
        BAD_MESSAGE
    }

    private final Kind kind;

    public QmpProtocolException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
