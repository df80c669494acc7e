package org.coloconsole.testing;

import org.coloconsole.qmp.QmpValue;

/**
 * One line a client sent to a {@link ScriptedQmpServer}, as received (without the line end) and parsed.
 *
 * @param line  the text of the line
 * @param value the parsed JSON, or missing when the line is not JSON
 */
public record Captured(String line, QmpValue value) {

    static Captured of(String line) {
        QmpValue parsed;
        try {
            parsed = QmpValue.parse(line);
        } catch (RuntimeException e) {
            parsed = QmpValue.missing();
        }
        return new Captured(line, parsed);
    }

    /** The command's name ({@code execute} or {@code exec-oob}), or empty when the line names none. */
    public String command() {
        return value.string("execute").or(() -> value.string("exec-oob")).orElse("");
    }

    public boolean outOfBand() {
        return value.string("exec-oob").isPresent();
    }

    /** The {@code id} the client sent (missing when it sent none). */
    public QmpValue id() {
        return value.get("id");
    }

    /** The {@code arguments} object (missing when there are none). */
    public QmpValue arguments() {
        return value.get("arguments");
    }
}
