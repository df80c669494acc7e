package org.coloconsole.engine;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.coloconsole.colo.PrintableText;

/**
 * One row of the merged live log of both sides: a QEMU event, a connection gap, a heartbeat verdict, or an
 * operator action.
 *
 * @param sequence   increasing across both sides, in the order the console saw them
 * @param side       {@code "primary"}, {@code "secondary"}, or empty for the console's own rows
 * @param receivedAt when the console saw it
 * @param qemuTime   QEMU's timestamp for events (empty when QEMU's clock failed or for the console's own rows)
 * @param name       the event name ({@code COLO_EXIT}) or a row kind ({@code GAP}, {@code HEARTBEAT}, {@code ACTION})
 * @param summary    one line for people, e.g. {@code COLO_EXIT secondary/error}
 * @param severity   how loudly to show it
 * @param rawJson    the event exactly as QEMU sent it; empty for the console's own rows
 */
public record LogEntry(long sequence, Optional<String> side, Instant receivedAt, Optional<Instant> qemuTime,
                       String name, String summary, Severity severity, String rawJson) {

    public LogEntry {
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(qemuTime, "qemuTime");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(rawJson, "rawJson");
        // a row is one line: a QEMU string with a newline or an escape sequence must not forge or restyle rows
        summary = PrintableText.escape(summary);
        name = PrintableText.escape(name);
    }

    /** How loudly a row is shown. */
    public enum Severity {
        INFO,
        /** Worth a look: a reconnect gap, a slow heartbeat, a refused action. */
        WARNING,
        /** Needs the operator: COLO_EXIT error, SHUTDOWN, a side lost, a failed failover step. */
        CRITICAL
    }
}
