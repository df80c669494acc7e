package org.coloconsole.journal;

import java.util.Optional;
import org.coloconsole.testing.Needs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalRoundTripTest {
    static final String COLO_EXIT = "{\"timestamp\": {\"seconds\": 1714567890, \"microseconds\": 123456}, "
            + "\"event\": \"COLO_EXIT\", \"data\": {\"mode\": \"secondary\", \"reason\": \"error\"}}";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void recordsReadBackAsWritten() throws Exception {
        Instant at = Instant.parse("2024-05-01T12:34:56.123456789Z");
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("event", "COLO_EXIT");
        fields.put("count", 42);
        fields.put("big", 1L << 40);
        fields.put("ratio", 0.5);
        fields.put("ok", true);
        fields.put("missing", null);
        fields.put("list", List.of("a", 1));
        fields.put("nested", Map.of("x", "y"));
        fields.put("unit", TimeUnit.SECONDS);
        fields.put("when", Instant.parse("2024-05-01T00:00:00Z"));
        List<JournalRecord> written = List.of(
                new JournalRecord(at, JournalRecord.Kind.EVENT, "secondary", fields, COLO_EXIT),
                JournalRecord.of(at.plusSeconds(1).truncatedTo(ChronoUnit.MICROS), JournalRecord.Kind.STATE_CHANGE, "primary",
                        Map.of("from", "HEALTHY", "to", "LOST")),
                JournalRecord.note(Instant.parse("2024-05-01T12:34:58Z"), "quote \" backslash \\ newline \n unicode é ✓"));
        try (Journal journal = new Journal(dir, JournalOptions.defaults())) {
            journal.append(written.get(0));
            journal.append(written.get(1));
            journal.appendDurable(written.get(2));
        }

        List<JournalRecord> read = readAll(dir);
        assertThat(read).hasSize(3);
        JournalRecord event = read.get(0);
        assertThat(event.at()).isEqualTo(Instant.parse("2024-05-01T12:34:56.123456Z")); // micros kept, nanos cut
        assertThat(event.kind()).isEqualTo(JournalRecord.Kind.EVENT);
        assertThat(event.side()).isEqualTo("secondary");
        assertThat(event.rawJson()).isEqualTo(COLO_EXIT);
        assertThat(event.fields()).containsEntry("event", "COLO_EXIT").containsEntry("count", 42)
                .containsEntry("big", 1L << 40).containsEntry("ratio", 0.5).containsEntry("ok", true)
                .containsEntry("missing", null).containsEntry("list", List.of("a", 1))
                .containsEntry("nested", Map.of("x", "y")).containsEntry("unit", "SECONDS")
                .containsEntry("when", "2024-05-01T00:00:00.000000Z");
        assertThat(event.fields().keySet()).containsExactlyElementsOf(fields.keySet());
        assertThat(read.get(1)).isEqualTo(written.get(1));
        assertThat(read.get(2)).isEqualTo(written.get(2));
    }

    @Test
    void eachLineIsOneJsonObjectWithKeysInOrderAndRawEmbeddedAsJson() throws Exception {
        try (Journal journal = new Journal(dir, JournalOptions.defaults())) {
            journal.appendDurable(new JournalRecord(Instant.parse("2024-05-01T12:34:56Z"), JournalRecord.Kind.EVENT,
                    "primary", Map.of("name", "COLO_EXIT"), COLO_EXIT));
            journal.appendDurable(JournalRecord.of(Instant.parse("2024-05-01T12:34:57.000001Z"),
                    JournalRecord.Kind.RECOMMENDATION, null, Map.of("to", "PROMOTE_SECONDARY")));
        }
        List<String> lines = Files.readAllLines(dir.resolve("journal.jsonl"));
        assertThat(lines).hasSize(2);
        JsonNode first = JSON.readTree(lines.get(0));
        List<String> keys = new ArrayList<>();
        first.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("at", "kind", "side", "name", "raw");
        assertThat(first.get("at").asText()).isEqualTo("2024-05-01T12:34:56.000000Z");
        assertThat(first.get("kind").asText()).isEqualTo("event");
        assertThat(first.get("raw").isObject()).as("raw is a JSON object, not an escaped string").isTrue();
        assertThat(first.get("raw").get("data").get("reason").asText()).isEqualTo("error");
        assertThat(lines.get(0)).endsWith(",\"raw\":" + COLO_EXIT + "}");

        JsonNode second = JSON.readTree(lines.get(1));
        assertThat(second.has("side")).as("a record about the pair has no side key").isFalse();
        assertThat(second.get("at").asText()).isEqualTo("2024-05-01T12:34:57.000001Z");
        assertThat(second.get("kind").asText()).isEqualTo("recommendation");
    }

    @Test
    void jqReadsTheJournal() throws Exception {
        Needs.satisfied(Files.isExecutable(Path.of("/usr/bin/jq")) ? Optional.empty()
                : Optional.of("jq is not installed (apt-get install jq)"));
        try (Journal journal = new Journal(dir, JournalOptions.defaults())) {
            for (int i = 0; i < 100; i++) {
                journal.append(new JournalRecord(Instant.now(), JournalRecord.Kind.EVENT, "secondary",
                        Map.of("n", i), COLO_EXIT));
            }
        }
        Process jq = new ProcessBuilder("/usr/bin/jq", "-r", ".raw.data.mode",
                dir.resolve("journal.jsonl").toString()).redirectErrorStream(true).start();
        String out = new String(jq.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(jq.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(jq.exitValue()).as(out).isZero();
        assertThat(out.lines()).hasSize(100).allMatch("secondary"::equals);
    }

    @Test
    void rawWithLineBreaksStaysOnOneLineAndGarbageRawIsKeptAsAString() throws Exception {
        String multiLine = "{\"event\": \"STOP\",\r\n \"data\": {}}\r\n";
        String garbage = "{\"event\": \"STOP\", \"data\": {";
        try (Journal journal = new Journal(dir, JournalOptions.defaults())) {
            journal.append(new JournalRecord(Instant.now(), JournalRecord.Kind.EVENT, "primary", Map.of(), multiLine));
            journal.append(new JournalRecord(Instant.now(), JournalRecord.Kind.EVENT, "primary", Map.of(), garbage));
        }
        List<String> lines = Files.readAllLines(dir.resolve("journal.jsonl"));
        assertThat(lines).hasSize(2);
        assertThat(JSON.readTree(lines.get(0)).get("raw").get("event").asText()).isEqualTo("STOP");
        assertThat(JSON.readTree(lines.get(1)).get("raw").asText()).isEqualTo(garbage);
        List<JournalRecord> read = readAll(dir);
        assertThat(JSON.readTree(read.get(1).rawJson()).asText()).isEqualTo(garbage);
    }

    @Test
    void fieldsCannotShadowTheJournalsOwnKeys() {
        for (String key : List.of("at", "kind", "side", "raw")) {
            assertThatThrownBy(() -> JournalRecord.of(Instant.now(), JournalRecord.Kind.NOTE, null, Map.of(key, 1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(key);
        }
    }

    @Test
    void aFieldThatFailsToSerializeLeavesNoHalfLine() throws Exception {
        Object hostile = new Object() {
            @Override
            public String toString() {
                throw new IllegalStateException("boom");
            }
        };
        try (Journal journal = new Journal(dir, JournalOptions.defaults())) {
            journal.append(JournalRecord.note(Instant.now(), "before"));
            assertThatThrownBy(() -> journal.append(JournalRecord.of(Instant.now(), JournalRecord.Kind.NOTE, null,
                    Map.of("a", "x".repeat(20_000), "b", hostile)))).hasMessage("boom");
            journal.appendDurable(JournalRecord.note(Instant.now(), "after"));
        }
        List<JournalRecord> read = readAll(dir);
        assertThat(read).extracting(r -> r.fields().get("text")).containsExactly("before", "after");
    }

    static List<JournalRecord> readAll(Path directory) throws IOException {
        List<JournalRecord> all = new ArrayList<>();
        try (JournalReader reader = JournalReader.openDirectory(directory)) {
            for (Iterator<JournalRecord> it = reader; it.hasNext(); ) {
                all.add(it.next());
            }
            assertThat(reader.skippedLines()).as(String.join("\n", reader.problems())).isZero();
        }
        return all;
    }
}
