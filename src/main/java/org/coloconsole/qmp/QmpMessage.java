package org.coloconsole.qmp;

/** One decoded line from a QMP server. */
sealed interface QmpMessage {

    /** The server's first line. */
    record Greeting(QmpGreeting greeting) implements QmpMessage {
    }

    /** A successful reply. {@code id} is null when the reply carried none. */
    record Return(QmpValue id, QmpValue value) implements QmpMessage {
    }

    /** An error reply. {@code id} is null when the server failed before it read the id. */
    record Error(QmpValue id, String errorClass, String description) implements QmpMessage {
    }

    /** An asynchronous event. */
    record Event(QmpEvent event) implements QmpMessage {
    }
}
