package org.coloconsole.ui.log;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Optional;
import org.coloconsole.engine.LogEntry;
import org.coloconsole.qmp.QmpValue;

/**
 * How a log row reads on screen: wall-clock times to the millisecond in the window's zone (named in the columns'
 * titles), the date with the receive time (a log read the next morning must say which day), the side in lower case.
 */
public final class LogFormat {
    private final DateTimeFormatter time;
    private final DateTimeFormatter dateTime;
    private final String zoneName;

    public LogFormat(ZoneId zone) {
        this.time = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(zone);
        this.dateTime = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(zone);
        this.zoneName = ZoneOffset.UTC.equals(zone.normalized()) ? "UTC"
                : zone.getDisplayName(TextStyle.SHORT, Locale.ROOT);
    }

    public String time(Instant instant) {
        return time.format(instant);
    }

    /** The zone the times are in, as the columns' titles say it ("UTC", "CET"…). */
    public String zoneName() {
        return zoneName;
    }

    public String qemuTime(LogEntry entry) {
        return entry.qemuTime().map(this::time).orElse("—");
    }

    /** The date and time the console received the row. */
    public String receivedTime(LogEntry entry) {
        return dateTime.format(entry.receivedAt());
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
