package org.coloconsole.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a hostile value or an unexpected error must not do: throw into a QMP reader, or hang an operator action. */
class JournalResilienceTest {
    /** Long enough for a loaded 2-core machine; a hang is what these tests catch, not slowness. */
    private static final Duration HANG = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void instantsBeyondYear9999OrBeforeYear0AreWrittenAndReadBack() throws Exception {
        // QEMU's event timestamp becomes an Instant field; a bogus "seconds" from a broken peer must not throw
        Instant far = Instant.ofEpochSecond(1_000_000_000_000L, 123_456_789);
        Instant ancient = Instant.parse("-0001-12-31T23:59:59.000001Z");
        try (Journal journal = new Journal(dir, JournalOptions.defaults())) {
            assertThat(journal.append(JournalRecord.of(Instant.parse("2024-05-01T00:00:00Z"),
                    JournalRecord.Kind.EVENT, "primary", Map.of("qemu-time", far, "old", ancient)))).isTrue();
            journal.appendDurable(JournalRecord.note(far, "at far in the future"));
        }

        List<JournalRecord> read = JournalRoundTripTest.readAll(dir);
        assertThat(read).hasSize(2);
        assertThat(Instant.parse((String) read.get(0).fields().get("qemu-time")))
                .isEqualTo(Instant.ofEpochSecond(1_000_000_000_000L, 123_456_000));
        assertThat(Instant.parse((String) read.get(0).fields().get("old"))).isEqualTo(ancient);
        assertThat(read.get(1).at()).isEqualTo(Instant.ofEpochSecond(1_000_000_000_000L, 123_456_000));
        assertThat(Files.readAllLines(dir.resolve(JournalFiles.CURRENT)).get(1))
                .contains("\"at\":\"+33658-09-27T01:46:40.123456Z\"");
    }

    @Test
    void aRotatedFileNameWithAHugeIndexStopsNeitherTheWriterNorTheReader() throws Exception {
        // same stamp twice, so sorting has to compare the indexes
        String line = "{\"at\":\"2024-01-01T00:00:00.000000Z\",\"kind\":\"note\",\"text\":\"odd\"}\n";
        Files.writeString(dir.resolve("journal-20240101-000000.jsonl"), line);
        Files.writeString(dir.resolve("journal-20240101-000000-99999999999.jsonl"), line);
        JournalOptions small = JournalOptions.defaults().withMaxFileBytes(1024).withKeepRotatedFiles(50);

        assertTimeoutPreemptively(HANG, () -> {
            try (Journal journal = new Journal(dir, small)) {
                for (int i = 0; i < 40; i++) {
                    // each durable line is its own batch, so the file rotates (and old files are pruned) many times
                    journal.appendDurable(JournalRecord.of(Instant.now(), JournalRecord.Kind.ACTION_STEP, null,
                            Map.of("n", i, "pad", "x".repeat(200))));
                }
                assertThat(journal.failure()).isEmpty();
            }
        });

        List<JournalRecord> read = JournalRoundTripTest.readAll(dir);
        assertThat(read).extracting(r -> r.fields().get("n")).containsSubsequence(0, 1, 2, 38, 39);
        assertThat(read).filteredOn(r -> r.kind() == JournalRecord.Kind.ACTION_STEP).hasSize(40);
    }

    @Test
    void anUnexpectedErrorInTheWriterFailsDurableAppendsInsteadOfHangingThem() throws Exception {
        try (Journal journal = new Journal(dir, JournalOptions.defaults(), Clock.systemUTC(), file -> new BatchSink() {
            @Override
            public void write(LineBuffer batch) {
                throw new IllegalStateException("a bug in the sink");
            }

            @Override
            public void force() throws IOException {
                file.force();
            }

            @Override
            public void close() throws IOException {
                file.close();
            }
        })) {
            assertTimeoutPreemptively(HANG, () -> assertThatThrownBy(() -> journal.appendDurable(
                    JournalRecord.of(Instant.now(), JournalRecord.Kind.ACTION_INTENT, null, Map.of("to", "secondary"))))
                    .isInstanceOf(JournalException.class)
                    .hasMessageContaining("cannot be recorded")
                    .hasMessageContaining("a bug in the sink"));
            assertThat(journal.failure()).isPresent();
            assertThat(journal.append(JournalRecord.note(Instant.now(), "after the failure"))).isFalse();
        }
    }
}
