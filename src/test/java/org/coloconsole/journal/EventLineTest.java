package org.coloconsole.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.coloconsole.qmp.QmpEvent;
import org.coloconsole.qmp.QmpTimestamp;
import org.coloconsole.qmp.QmpValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The event fast path must write exactly the line the general path writes for the same record. */
class EventLineTest {
    private static final Instant AT = Instant.parse("2026-11-26T01:02:03.456789123Z");

    @TempDir
    Path dir;

    @Test
    void appendEventWritesTheSameLineAsTheRecordItStandsFor() throws Exception {
        List<QmpEvent> events = List.of(
                event("{\"timestamp\": {\"seconds\": 1795641121, \"microseconds\": 99931}, \"event\": \"COLO_EXIT\", "
                        + "\"data\": {\"mode\": \"primary\", \"reason\": \"error\"}}", new QmpTimestamp(1795641121, 99931)),
                event("{\"event\":\"STOP\"}", QmpTimestamp.UNKNOWN),
                event("{\"event\": \"X\", \"data\": {\"s\": \"caf\u00e9 \\\" \\\\ \\n\"}}", new QmpTimestamp(-1, -1)),
                event("{\"event\": \"Y\"}", new QmpTimestamp(Long.MAX_VALUE, 5)));
        Path fast = dir.resolve("fast");
        Path general = dir.resolve("general");
        try (Journal a = new Journal(fast, JournalOptions.defaults());
             Journal b = new Journal(general, JournalOptions.defaults())) {
            for (QmpEvent e : events) {
                assertThat(a.appendEvent(AT, "primary", e)).isTrue();
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("event", e.name());
                e.timestamp().instant().ifPresent(t -> fields.put("qemu-time", t));
                assertThat(b.append(new JournalRecord(AT, JournalRecord.Kind.EVENT, "primary", fields, e.raw())))
                        .isTrue();
            }
        }
        String fastText = Files.readString(fast.resolve("journal.jsonl"), StandardCharsets.UTF_8);
        assertThat(fastText).isEqualTo(Files.readString(general.resolve("journal.jsonl"), StandardCharsets.UTF_8));
        assertThat(fastText.lines()).hasSize(events.size());
        List<JournalRecord> read;
        try (var records = JournalReader.openDirectory(fast).stream()) {
            read = records.toList();
        }
        assertThat(read).extracting(JournalRecord::rawJson).containsExactlyElementsOf(
                events.stream().map(QmpEvent::raw).toList());
    }

    private static QmpEvent event(String raw, QmpTimestamp timestamp) {
        QmpValue parsed = QmpValue.parse(raw);
        return new QmpEvent(parsed.string("event").orElseThrow(), parsed.get("data"), timestamp, AT, 0, raw);
    }
}
