package org.coloconsole.qmp;

/** An endpoint string that cannot be read; the message says what is wrong and what to write instead. */
public final class EndpointFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public EndpointFormatException(String message) {
        super(message);
    }
}
