package org.coloconsole.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalReaderToleranceTest {
    private static final String GOOD = "{\"at\":\"2024-05-01T00:00:00.000000Z\",\"kind\":\"note\",\"text\":\"%s\"}\n";

    @TempDir
    Path dir;

    @Test
    void anObjectWhereATimeKindOrSideBelongsIsASkippedLineNotAFakeRecord() throws Exception {
        Files.writeString(dir.resolve("journal.jsonl"), String.format(GOOD, "first")
                + "{\"at\":{\"at\":\"2024-05-01T00:00:00.000000Z\",\"kind\":\"action_intent\"}}\n"
                + "{\"kind\":{\"at\":\"2024-05-01T00:00:00.000000Z\",\"kind\":\"action_intent\"}}\n"
                + "{\"side\":{\"at\":\"2024-05-01T00:00:00.000000Z\",\"kind\":\"action_intent\"}}\n"
                + "{\"at\":\"2024-02-30T00:00:00.000000Z\",\"kind\":\"note\"}\n"
                + String.format(GOOD, "last"));

        try (JournalReader reader = JournalReader.open(dir.resolve("journal.jsonl"))) {
            List<JournalRecord> read = new ArrayList<>();
            reader.forEachRemaining(read::add);
            assertThat(read).extracting(r -> r.fields().get("text")).containsExactly("first", "last");
            assertThat(reader.skippedLines()).isEqualTo(4);
            assertThat(reader.problems()).hasSize(4).allMatch(p -> p.contains("it was skipped"));
            assertThat(reader.problems().get(0)).contains("line 2").contains("\"at\"");
        }
    }

    @Test
    void aCorruptLineLongerThanAnyJournalLineIsSkippedAndTheRestRead() throws Exception {
        byte[] junk = new byte[JournalReader.MAX_LINE_BYTES + 100];
        java.util.Arrays.fill(junk, (byte) 'x');
        Path file = dir.resolve("journal.jsonl");
        Files.writeString(file, String.format(GOOD, "first"));
        Files.write(file, junk, java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(file, "\n" + String.format(GOOD, "last"), java.nio.file.StandardOpenOption.APPEND);

        try (JournalReader reader = JournalReader.open(file)) {
            List<JournalRecord> read = new ArrayList<>();
            reader.forEachRemaining(read::add);
            assertThat(read).extracting(r -> r.fields().get("text")).containsExactly("first", "last");
            assertThat(reader.problems()).singleElement().asString()
                    .contains("line 2 is " + junk.length + " bytes long");
        }
    }

    @Test
    void aFileRotatedAwayAfterListingIsSkippedWithASentence() throws Exception {
        Files.writeString(dir.resolve("journal-20240501-000000.jsonl"), String.format(GOOD, "pruned"));
        Files.writeString(dir.resolve("journal-20240501-000001.jsonl"), String.format(GOOD, "old"));
        Files.writeString(dir.resolve("journal.jsonl"), String.format(GOOD, "current"));

        try (JournalReader reader = JournalReader.openDirectory(dir)) {
            Files.delete(dir.resolve("journal-20240501-000000.jsonl")); // the writer pruned it meanwhile
            List<JournalRecord> read = new ArrayList<>();
            reader.forEachRemaining(read::add);
            assertThat(read).extracting(r -> r.fields().get("text")).containsExactly("old", "current");
            assertThat(reader.problems()).singleElement().asString()
                    .contains("journal-20240501-000000.jsonl").contains("rotated or removed");
        }
    }

    @Test
    void anActionWrittenBeforeAnEarlierStampedEventIsReadOnce() throws Exception {
        // Two threads stamp records before the writer orders them, so a file's times can step back a little.
        String action = "{\"at\":\"2024-05-01T00:00:10.000000Z\",\"kind\":\"action_intent\",\"text\":\"act\"}\n";
        String earlier = "{\"at\":\"2024-05-01T00:00:09.000000Z\",\"kind\":\"note\",\"text\":\"event\"}\n";
        Files.writeString(dir.resolve("journal.jsonl"), action + earlier);
        Files.createDirectories(dir.resolve("actions"));
        Files.writeString(dir.resolve("actions").resolve("journal.jsonl"), action);

        try (JournalReader reader = JournalReader.openDirectory(dir)) {
            List<JournalRecord> read = new ArrayList<>();
            reader.forEachRemaining(read::add);
            assertThat(read).extracting(r -> r.fields().get("text")).containsExactlyInAnyOrder("act", "event");
        }
    }
}
