package org.coloconsole.app;

import java.io.IOException;

/**
 * The audit trail could not be opened, so nothing that the console would have to journal may happen. Its own type so
 * that the CLI can say so in a sentence and exit cleanly, rather than print a stack trace.
 */
public final class JournalUnavailableException extends IOException {
    private static final long serialVersionUID = 1L;

    public JournalUnavailableException(IOException cause) {
        super(cause.getMessage(), cause);
    }
}
