package org.coloconsole.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.coloconsole.engine.JournalAuditTrail;
import org.coloconsole.engine.PairConfig;
import org.coloconsole.engine.PairSupervisor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In COLO every checkpoint stops and starts the guest. The journal keeps those STOP and RESUME events verbatim, and no
 * run-state line for each; once a side is out of COLO, its run-state changes are journaled again.
 */
class CheckpointJournalTest {
    @TempDir
    Path dir;

    @Test
    void checkpointsAreJournaledAsEventsOnlyAndRunStateChangesOutsideColoAsStateLines() throws Exception {
        AtomicLong order = new AtomicLong();
        try (ColoPeer primary = ColoPeer.primary(order);
             ColoPeer secondary = ColoPeer.secondary(order)) {
            JournalAuditTrail journal = JournalAuditTrail.open(dir);
            try (PairSupervisor supervisor = new PairSupervisor(PairConfig.of(primary.endpoint(),
                    secondary.endpoint()), journal, Clock.systemUTC())) {
                supervisor.start();
                await().atMost(Duration.ofSeconds(10)).until(() ->
                        ColoPeer.bothInColo(supervisor.snapshot().state()));
                for (int i = 0; i < 5; i++) {
                    primary.event("STOP", null);
                    primary.event("RESUME", null);
                }
                await().atMost(Duration.ofSeconds(10)).until(() -> count(lines(journal), "\"event\":\"RESUME\"") == 5);
                primary.answer("query-colo-status", "{\"last-mode\": \"primary\", \"mode\": \"none\", "
                        + "\"reason\": \"error\"}");
                primary.event("COLO_EXIT", "{\"mode\": \"primary\", \"reason\": \"error\"}");
                primary.answer("query-status", ColoPeer.PAUSED);
                primary.event("STOP", null);
                await().atMost(Duration.ofSeconds(10)).until(() -> count(lines(journal), "\"event\":\"STOP\"") == 6);
                supervisor.settled().get(5, TimeUnit.SECONDS);
            } finally {
                journal.close();
            }
            List<String> lines = Files.readAllLines(dir.resolve("journal.jsonl"), StandardCharsets.UTF_8);
            List<String> runState = lines.stream().filter(l -> l.contains("\"field\":\"run-state\"")
                    && l.contains("\"side\":\"primary\"")).toList();
            assertThat(runState).as("the first state read, then only the stop after the COLO_EXIT").hasSize(2);
            assertThat(runState.get(0)).contains("\"from\":\"unknown\",\"to\":\"running\"");
            assertThat(runState.get(1)).contains("\"from\":\"running\",\"to\":\"paused\"");
        }
    }

    /** The journal writes to the file within its flush interval (20 ms): polling the file sees each line soon. */
    private static List<String> lines(JournalAuditTrail journal) throws Exception {
        return Files.readAllLines(journal.journal().directory().resolve("journal.jsonl"), StandardCharsets.UTF_8);
    }

    private static long count(List<String> lines, String what) {
        return lines.stream().filter(l -> l.contains(what)).count();
    }
}
