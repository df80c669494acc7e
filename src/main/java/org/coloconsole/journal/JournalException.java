package org.coloconsole.journal;

/** The journal could not be opened, or an action could not be made durable. The message is a plain sentence. */
public class JournalException extends Exception {
    private static final long serialVersionUID = 1L;

    public JournalException(String message) {
        super(message);
    }

    public JournalException(String message, Throwable cause) {
        super(message, cause);
    }
}
