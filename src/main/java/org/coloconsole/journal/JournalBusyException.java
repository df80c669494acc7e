package org.coloconsole.journal;

/** Another process holds the journal's lock (e.g. the console window while a CLI command runs). */
public final class JournalBusyException extends JournalException {
    public JournalBusyException(String message) {
        super(message);
    }
}
