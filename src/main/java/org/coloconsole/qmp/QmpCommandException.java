package org.coloconsole.qmp;

/** QEMU answered a command with an error reply. Logic must use {@link #errorClass()}, never the description. */
public final class QmpCommandException extends QmpException {
    private static final long serialVersionUID = 1L;

    private final String command;
    private final String errorClass;
    private final String description;

    public QmpCommandException(String command, String errorClass, String description) {
        super(command + " failed: " + errorClass + ": " + description, null);
        this.command = command;
        this.errorClass = errorClass;
        this.description = description;
    }

    public String command() { return command; }
    public String errorClass() { return errorClass; }
    public String description() { return description; }
}
