package org.coloconsole.qmp;

import java.time.Duration;

/** A command got no reply within its deadline. The connection stays up; a late reply is dropped. */
public final class QmpTimeoutException extends QmpException {
    private static final long serialVersionUID = 1L;

    private final String command;
    private final transient Duration timeout;

    public QmpTimeoutException(String command, Duration timeout) {
        super(command + " got no reply within " + timeout.toMillis() + " ms", null);
        this.command = command;
        this.timeout = timeout;
    }

    public String command() { return command; }
    public Duration timeout() { return timeout; }
}
