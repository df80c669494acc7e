package org.coloconsole.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TornLineRecoveryTest {
    @TempDir
    Path dir;

    @Test
    void aHalfWrittenLastLineIsSetAsideAndEveryCompleteLineKept() throws Exception {
        writeRecords(3);
        Path current = dir.resolve("journal.jsonl");
        long goodSize = Files.size(current);
        String half = "{\"at\":\"2024-05-01T12:00:00.000000Z\",\"kind\":\"event\",\"side\":\"prim";
        Files.writeString(current, half, StandardOpenOption.APPEND);

        try (Journal journal = new Journal(dir, JournalOptions.defaults())) {
            JournalOpenReport report = journal.openReport();
            assertThat(report.hadTornLine()).isTrue();
            assertThat(report.tornBytes()).isEqualTo(half.length());
            assertThat(report.keptBytes()).isEqualTo(goodSize);
            assertThat(report.warnings()).singleElement().asString()
                    .contains("incomplete", String.valueOf(half.length()), report.tornFile().get().toString());
            Path torn = report.tornFile().get();
            assertThat(torn.getFileName().toString()).startsWith("journal.jsonl.torn-");
            assertThat(Files.readString(torn)).isEqualTo(half);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(torn))).isEqualTo("rw-------");
            assertThat(Files.size(current)).isEqualTo(goodSize);
            journal.appendDurable(JournalRecord.note(Instant.now(), "after the crash"));
        }
        List<JournalRecord> read = JournalRoundTripTest.readAll(dir);
        assertThat(read).hasSize(4);
        assertThat(read.get(3).fields()).containsEntry("text", "after the crash");
    }

    @Test
    void aGarbageTailAndZeroFillAreSetAside() throws Exception {
        writeRecords(2);
        Path current = dir.resolve("journal.jsonl");
        long goodSize = Files.size(current);
        byte[] zeros = new byte[4096];
        Files.write(current, zeros, StandardOpenOption.APPEND);
        try (Journal journal = new Journal(dir, JournalOptions.defaults())) {
            assertThat(journal.openReport().tornBytes()).isEqualTo(4096);
            assertThat(Files.size(current)).isEqualTo(goodSize);
        }
        assertThat(JournalRoundTripTest.readAll(dir)).hasSize(2);
    }

    @Test
    void aCompleteLastLineThatIsNotJsonIsSetAside() throws Exception {
        writeRecords(2);
        Path current = dir.resolve("journal.jsonl");
        long goodSize = Files.size(current);
        Files.writeString(current, "{\"at\":\"2024\", garbage}\n", StandardOpenOption.APPEND);
        try (Journal journal = new Journal(dir, JournalOptions.defaults())) {
            JournalOpenReport report = journal.openReport();
            assertThat(report.hadTornLine()).isTrue();
            assertThat(Files.readString(report.tornFile().get())).isEqualTo("{\"at\":\"2024\", garbage}\n");
            assertThat(Files.size(current)).isEqualTo(goodSize);
        }
    }

    @Test
    void aFileThatIsOnlyATornLineBecomesEmpty() throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("journal.jsonl"), "{\"at\":");
        try (Journal journal = new Journal(dir, JournalOptions.defaults())) {
            assertThat(journal.openReport().tornBytes()).isEqualTo(6);
            assertThat(journal.openReport().keptBytes()).isZero();
        }
    }

    @Test
    void aCleanJournalIsLeftAlone() throws Exception {
        writeRecords(5);
        Path current = dir.resolve("journal.jsonl");
        byte[] before = Files.readAllBytes(current);
        try (Journal journal = new Journal(dir, JournalOptions.defaults())) {
            assertThat(journal.openReport().hadTornLine()).isFalse();
            assertThat(journal.openReport().warnings()).isEmpty();
        }
        assertThat(Files.readAllBytes(current)).isEqualTo(before);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("torn"));
        }
    }

    @Test
    void twoCrashesGiveTwoDistinctTornFiles() throws Exception {
        writeRecords(1);
        Path current = dir.resolve("journal.jsonl");
        Files.writeString(current, "{\"one", StandardOpenOption.APPEND);
        Path first;
        try (Journal journal = new Journal(dir, JournalOptions.defaults())) {
            first = journal.openReport().tornFile().orElseThrow();
        }
        Files.writeString(current, "{\"two", StandardOpenOption.APPEND);
        try (Journal journal = new Journal(dir, JournalOptions.defaults())) {
            Path second = journal.openReport().tornFile().orElseThrow();
            assertThat(second).isNotEqualTo(first);
            assertThat(Files.readString(first, StandardCharsets.UTF_8)).isEqualTo("{\"one");
            assertThat(Files.readString(second, StandardCharsets.UTF_8)).isEqualTo("{\"two");
        }
    }

    @Test
    void theReaderSkipsATornTailAndBadLinesButKeepsTheRest() throws Exception {
        writeRecords(2);
        Path current = dir.resolve("journal.jsonl");
        Files.writeString(current, "not json\n{\"kind\":\"note\"}\n"
                + "{\"at\":\"2024-05-01T12:00:00.000000Z\",\"kind\":\"from_the_future\",\"x\":1}\n"
                + "{\"at\":\"2024-05-01T12:00:00.000000Z\",\"kind\":\"note\",\"text\":\"tail\"}\n{\"at\":\"20",
                StandardOpenOption.APPEND);
        try (JournalReader reader = JournalReader.open(current)) {
            List<JournalRecord> read = reader.stream().toList();
            assertThat(read).hasSize(4);
            assertThat(read.get(2).kind()).isEqualTo(JournalRecord.Kind.UNKNOWN);
            assertThat(read.get(2).fields()).containsEntry("unknownKind", "from_the_future").containsEntry("x", 1);
            assertThat(read.get(3).fields()).containsEntry("text", "tail");
            assertThat(reader.skippedLines()).isEqualTo(2);
            assertThat(reader.tornTail()).isTrue();
            assertThat(reader.problems()).hasSize(3)
                    .anyMatch(p -> p.contains("line 3") && p.contains("not a valid journal record"))
                    .anyMatch(p -> p.contains("line 4") && p.contains("no \"at\""))
                    .anyMatch(p -> p.contains("incomplete line"));
        }
    }

    private void writeRecords(int count) throws Exception {
        try (Journal journal = new Journal(dir, JournalOptions.defaults())) {
            for (int i = 0; i < count; i++) {
                journal.append(JournalRecord.of(Instant.now(), JournalRecord.Kind.EVENT, "primary", Map.of("n", i)));
            }
        }
    }
}
