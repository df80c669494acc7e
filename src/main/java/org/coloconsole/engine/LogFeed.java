package org.coloconsole.engine;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.coloconsole.colo.Side;
import org.coloconsole.qmp.QmpEvent;
import org.coloconsole.qmp.QmpValue;

/**
 * Turns what happens on both sides into {@link LogEntry} rows with one shared sequence, so the merged log keeps the
 * order in which the console saw things.
 */
public final class LogFeed {
    private static final Optional<String> PRIMARY = Optional.of(Side.PRIMARY.label());
    private static final Optional<String> SECONDARY = Optional.of(Side.SECONDARY.label());

    private final AtomicLong sequence = new AtomicLong();

    /** A QEMU event. */
    public LogEntry event(String side, QmpEvent event) {
        return new LogEntry(sequence.incrementAndGet(), sideOf(side), event.receivedAt(),
                event.timestamp().instant(), event.name(), summary(side, event), severity(event), event.raw());
    }

    /** A row of the console's own about one side (a gap, a heartbeat verdict, a connection change). */
    public LogEntry note(String side, String name, String summary, LogEntry.Severity severity, Instant at) {
        return new LogEntry(sequence.incrementAndGet(), side == null ? Optional.empty() : sideOf(side), at,
                Optional.empty(), name, summary, severity, "");
    }

    /** The two sides' labels as shared Optionals: 100,000 kept rows need not carry 100,000 copies. */
    private static Optional<String> sideOf(String side) {
        if (PRIMARY.get().equals(side)) {
            return PRIMARY;
        }
        return SECONDARY.get().equals(side) ? SECONDARY : Optional.of(side);
    }

    static String summary(String side, QmpEvent event) {
        QmpValue data = event.data();
        switch (event.name()) {
            case "COLO_EXIT": {
                String text = "COLO_EXIT " + data.string("mode").orElse("?") + "/" + data.string("reason").orElse("?");
                return data.string("error").map(error -> text + ": " + error).orElse(text);
            }
            case "MIGRATION":
                return "MIGRATION " + data.string("status").orElse("?");
            case "MIGRATION_PASS":
                return "MIGRATION_PASS " + data.integer("pass").orElse(-1);
            case "SHUTDOWN":
                return "SHUTDOWN " + data.string("reason").orElse("")
                        + (data.bool("guest").orElse(false) ? " (guest)" : "");
            case "RESET":
                return "RESET " + data.string("reason").orElse("");
            case "JOB_STATUS_CHANGE":
                return "JOB " + data.string("id").orElse("?") + " → " + data.string("status").orElse("?");
            case "BLOCK_JOB_COMPLETED":
            case "BLOCK_JOB_CANCELLED":
            case "BLOCK_JOB_READY":
            case "BLOCK_JOB_ERROR":
                return event.name() + " " + data.string("device").orElse("?")
                        + data.string("error").map(e -> ": " + e).orElse("")
                        + data.string("operation").map(op -> " (" + op + ")").orElse("");
            default:
                return data.isMissing() || data.size() == 0 ? event.name() : event.name() + " " + data.toJson();
        }
    }

    static LogEntry.Severity severity(QmpEvent event) {
        switch (event.name()) {
            case "COLO_EXIT":
                return "request".equals(event.data().string("reason").orElse("")) ? LogEntry.Severity.WARNING
                        : LogEntry.Severity.CRITICAL;
            case "SHUTDOWN":
            case "BLOCK_JOB_ERROR":
            case "GUEST_PANICKED":
                return LogEntry.Severity.CRITICAL;
            case "RESET":
            case "BLOCK_JOB_CANCELLED":
                return LogEntry.Severity.WARNING;
            case "MIGRATION":
                return "failed".equals(event.data().string("status").orElse("")) ? LogEntry.Severity.CRITICAL
                        : LogEntry.Severity.INFO;
            default:
                return LogEntry.Severity.INFO;
        }
    }
}
