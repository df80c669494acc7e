package org.coloconsole.ui.log;

import java.time.Instant;
import java.util.Optional;
import org.coloconsole.engine.LogEntry;
import org.coloconsole.engine.LogEntry.Severity;

/** Log rows as the engine makes them, for tests. */
public final class Rows {
    public static final Instant T0 = Instant.parse("2026-11-25T21:00:00Z");

    private Rows() {
    }

    public static LogEntry event(long seq, String side, String name, String summary, Severity severity, String raw) {
        return new LogEntry(seq, Optional.of(side), T0.plusMillis(seq), Optional.of(T0.plusMillis(seq).minusNanos(300_000)),
                name, summary, severity, raw);
    }

    public static LogEntry resume(long seq, String side) {
        return event(seq, side, "RESUME", "RESUME " + side, Severity.INFO,
                "{\"timestamp\": {\"seconds\": 1764104400, \"microseconds\": 1}, \"event\": \"RESUME\"}");
    }

    public static LogEntry coloExit(long seq, String side, String reason) {
        return event(seq, side, "COLO_EXIT", "COLO_EXIT " + side + "/" + reason,
                "error".equals(reason) ? Severity.CRITICAL : Severity.INFO,
                "{\"timestamp\": {\"seconds\": 1764104400, \"microseconds\": 2}, \"event\": \"COLO_EXIT\", "
                        + "\"data\": {\"mode\": \"" + side + "\", \"reason\": \"" + reason + "\"}}");
    }

    public static LogEntry gap(long seq, String side) {
        return new LogEntry(seq, Optional.of(side), T0.plusMillis(seq), Optional.empty(), "GAP",
                "events between 21:00:00 and 21:00:02 were lost; state resynced", Severity.WARNING, "");
    }

    public static LogEntry console(long seq, String summary) {
        return new LogEntry(seq, Optional.empty(), T0.plusMillis(seq), Optional.empty(), "ACTION", summary,
                Severity.WARNING, "");
    }
}
