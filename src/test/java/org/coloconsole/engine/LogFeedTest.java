package org.coloconsole.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.coloconsole.qmp.QmpEvent;
import org.coloconsole.qmp.QmpTimestamp;
import org.coloconsole.qmp.QmpValue;
import org.junit.jupiter.api.Test;

class LogFeedTest {
    private final LogFeed feed = new LogFeed();

    private static QmpEvent event(String raw) {
        QmpValue v = QmpValue.parse(raw);
        return new QmpEvent(v.string("event").orElseThrow(), v.get("data"),
                new QmpTimestamp(v.get("timestamp").integer("seconds").orElse(-1),
                        v.get("timestamp").integer("microseconds").orElse(-1)),
                Instant.parse("2026-11-25T20:00:00Z"), 0, raw);
    }

    @Test
    void coloExitReadsAsModeSlashReasonAndAnErrorIsCritical() {
        LogEntry row = feed.event("secondary", event("{\"timestamp\": {\"seconds\": 1764100800, \"microseconds\": 5}, "
                + "\"event\": \"COLO_EXIT\", \"data\": {\"mode\": \"secondary\", \"reason\": \"error\"}}"));
        assertThat(row.summary()).isEqualTo("COLO_EXIT secondary/error");
        assertThat(row.severity()).isEqualTo(LogEntry.Severity.CRITICAL);
        assertThat(row.side()).contains("secondary");
        assertThat(row.qemuTime()).contains(Instant.ofEpochSecond(1764100800, 5000));
        assertThat(row.rawJson()).contains("\"COLO_EXIT\"");
    }

    @Test
    void aRequestedExitIsAWarningAndAnErrorTextIsShown() {
        LogEntry row = feed.event("primary", event("{\"timestamp\": {\"seconds\": 1, \"microseconds\": 0}, "
                + "\"event\": \"COLO_EXIT\", \"data\": {\"mode\": \"primary\", \"reason\": \"request\", \"error\": \"x\"}}"));
        assertThat(row.summary()).isEqualTo("COLO_EXIT primary/request: x");
        assertThat(row.severity()).isEqualTo(LogEntry.Severity.WARNING);
    }

    @Test
    void unknownEventsKeepTheirDataAndAnUnknownClockStaysUnknown() {
        LogEntry row = feed.event("primary", event("{\"timestamp\": {\"seconds\": -1, \"microseconds\": -1}, "
                + "\"event\": \"FUTURE_THING\", \"data\": {\"a\": 1}}"));
        assertThat(row.summary()).isEqualTo("FUTURE_THING {\"a\":1}");
        assertThat(row.qemuTime()).isEmpty();
        assertThat(row.severity()).isEqualTo(LogEntry.Severity.INFO);
    }

    @Test
    void sequenceIsSharedAcrossSidesAndNotes() {
        long a = feed.event("primary", event("{\"timestamp\": {\"seconds\": 1, \"microseconds\": 0}, \"event\": \"STOP\"}")).sequence();
        long b = feed.note("secondary", "GAP", "events lost", LogEntry.Severity.WARNING, Instant.EPOCH).sequence();
        long c = feed.event("secondary", event("{\"timestamp\": {\"seconds\": 1, \"microseconds\": 0}, \"event\": \"RESUME\"}")).sequence();
        assertThat(new long[] {a, b, c}).containsExactly(1, 2, 3);
    }

    @Test
    void migrationAndJobsReadPlainly() {
        assertThat(feed.event("primary", event("{\"timestamp\": {\"seconds\": 1, \"microseconds\": 0}, "
                + "\"event\": \"MIGRATION\", \"data\": {\"status\": \"colo\"}}")).summary()).isEqualTo("MIGRATION colo");
        assertThat(feed.event("primary", event("{\"timestamp\": {\"seconds\": 1, \"microseconds\": 0}, "
                + "\"event\": \"JOB_STATUS_CHANGE\", \"data\": {\"id\": \"resync\", \"status\": \"ready\"}}")).summary())
                .isEqualTo("JOB resync → ready");
    }
}
