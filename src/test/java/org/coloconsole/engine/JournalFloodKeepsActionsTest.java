package org.coloconsole.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.coloconsole.colo.Side;
import org.coloconsole.journal.JournalOptions;
import org.coloconsole.journal.JournalReader;
import org.coloconsole.journal.JournalRecord;
import org.coloconsole.qmp.QmpEvent;
import org.coloconsole.qmp.QmpTimestamp;
import org.coloconsole.qmp.QmpValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A flood of QEMU events rotates the events' files many times over and prunes the oldest, as it must to bound the
 * disk; every operator action (intent, step, outcome, a raw qmp command's intent) stays readable, and the journal's
 * reader gives the actions and what is left of the events in time order, each action once.
 */
class JournalFloodKeepsActionsTest {
    @TempDir
    Path dir;

    @Test
    void everyOperatorActionSurvivesAFloodThatRotatesTheEventsAway() throws Exception {
        // 64 KiB files, 2 kept: the same pruning as 8 × 64 MiB, a thousand times sooner
        JournalOptions small = JournalOptions.defaults().withMaxFileBytes(64 * 1024).withKeepRotatedFiles(2);
        String payload = "x".repeat(1024);
        List<String> done = new ArrayList<>();
        long micros = 0;
        try (JournalAuditTrail trail = JournalAuditTrail.open(dir, small)) {
            for (int round = 0; round < 20; round++) {
                Instant at = Instant.parse("2026-12-02T13:00:00Z").plusNanos(1000 * micros++);
                String id = "action-" + round;
                trail.durable(AuditKind.ACTION_INTENT, Side.SECONDARY, at, Map.of("id", id));
                trail.record(AuditKind.ACTION_STEP, Side.PRIMARY, at, Map.of("id", id, "command", "stop"));
                trail.durable(AuditKind.ACTION_OUTCOME, Side.SECONDARY, at, Map.of("id", id, "result", "VERIFIED"));
                done.add(id);
                for (int i = 0; i < 200; i++) {
                    Instant eventAt = Instant.parse("2026-12-02T13:00:00Z").plusNanos(1000 * micros++);
                    String raw = "{\"event\":\"FLOOD\",\"data\":{\"pad\":\"" + payload + "\"},"
                            + "\"timestamp\":{\"seconds\":1,\"microseconds\":2}}";
                    trail.event(Side.PRIMARY, new QmpEvent("FLOOD", QmpValue.parse("{\"pad\":\"" + payload + "\"}"),
                            new QmpTimestamp(1, 2), eventAt, 0, raw));
                }
            }
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.filter(p -> p.getFileName().toString().startsWith("journal-")).count())
                    .as("the flood rotated and pruned the events' files").isEqualTo(2);
        }
        List<JournalRecord> read = new ArrayList<>();
        try (JournalReader reader = JournalReader.openDirectory(dir)) {
            for (Iterator<JournalRecord> it = reader; it.hasNext(); ) {
                read.add(it.next());
            }
            assertThat(reader.skippedLines()).as(String.join("\n", reader.problems())).isZero();
        }
        assertThat(read.stream().filter(r -> r.kind() == JournalRecord.Kind.ACTION_INTENT)
                .map(r -> r.fields().get("id")).toList()).as("every intent, once, in order").isEqualTo(done);
        assertThat(read.stream().filter(r -> r.kind() == JournalRecord.Kind.ACTION_OUTCOME)
                .map(r -> r.fields().get("id")).toList()).isEqualTo(done);
        assertThat(read.stream().filter(r -> r.kind() == JournalRecord.Kind.ACTION_STEP).count()).isEqualTo(20);
        assertThat(read.stream().filter(r -> r.kind() == JournalRecord.Kind.EVENT).count())
                .as("the oldest events were pruned").isLessThan(20 * 200);
        for (int i = 1; i < read.size(); i++) {
            assertThat(read.get(i).at()).as("time order at line %d", i).isAfterOrEqualTo(read.get(i - 1).at());
        }
    }
}
