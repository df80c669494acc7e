package org.coloconsole.qmp;

/** A command was pending when the connection ended; its outcome on QEMU's side is unknown. */
public final class QmpInterruptedException extends QmpException {
    private static final long serialVersionUID = 1L;

    private final String command;

    public QmpInterruptedException(String command, Throwable cause) {
        super(command + " was interrupted: the connection ended before QEMU replied"
                + (cause != null && cause.getMessage() != null ? " (" + cause.getMessage() + ")" : ""), cause);
        this.command = command;
    }

    public String command() { return command; }
}
