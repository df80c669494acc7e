package org.coloconsole.ui.log;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.coloconsole.engine.LogEntry;
import org.coloconsole.qmp.QmpValue;

/** How a log row reads on screen: local wall-clock times to the millisecond, the side in lower case. */
public final class LogFormat {
    private final DateTimeFormatter time;

    public LogFormat(ZoneId zone) {
        this.time = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(zone);
    }

    public String time(Instant instant) {
        return time.format(instant);
    }

    public String qemuTime(LogEntry entry) {
        return entry.qemuTime().map(this::time).orElse("—");
    }

    public String receivedTime(LogEntry entry) {
        return time(entry.receivedAt());
    }

    public static String side(LogEntry entry) {
        return entry.side().orElse("console");
    }

    /** The raw event pretty-printed, or the summary for the console's own rows (which have no raw JSON). */
    public static String details(LogEntry entry) {
        if (entry.rawJson().isBlank()) {
            return entry.summary();
        }
        try {
            return QmpValue.parse(entry.rawJson()).toPrettyJson();
        } catch (IllegalArgumentException notJson) {
            // keep what QEMU sent even when it is not JSON: the operator may need exactly those bytes
            return entry.rawJson();
        }
    }

    static Optional<Object> rawAsPlain(LogEntry entry) {
        if (entry.rawJson().isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(QmpValue.parse(entry.rawJson()).toPlain());
        } catch (IllegalArgumentException notJson) {
            return Optional.of(entry.rawJson());
        }
    }
}
