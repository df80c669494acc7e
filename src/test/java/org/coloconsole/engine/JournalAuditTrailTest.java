package org.coloconsole.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.coloconsole.colo.Side;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalAuditTrailTest {
    @TempDir
    Path dir;

    @Test
    void aSecondProcessJournalsBesideTheFirstInsteadOfBeingRefused() throws Exception {
        try (JournalAuditTrail window = JournalAuditTrail.openOrBeside(dir, 1);
             JournalAuditTrail cli = JournalAuditTrail.openOrBeside(dir, 4242)) {
            assertThat(window.location()).isEqualTo(dir.resolve("journal.jsonl").toString());
            assertThat(cli.location()).isEqualTo(dir.resolve("pid-4242").resolve("journal.jsonl").toString());
            cli.durable(AuditKind.ACTION_INTENT, Side.SECONDARY, Instant.parse("2026-11-25T20:00:00Z"),
                    Map.of("action", "promote the secondary"));
            assertThat(Files.readString(dir.resolve("pid-4242").resolve("journal.jsonl")))
                    .contains("\"kind\":\"action_intent\"").contains("\"what\":\"action-intent\"")
                    .contains("\"side\":\"secondary\"").contains("promote the secondary");
        }
    }
}
