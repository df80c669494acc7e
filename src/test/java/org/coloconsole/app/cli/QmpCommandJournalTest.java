package org.coloconsole.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.coloconsole.engine.JournalAuditTrail;
import org.coloconsole.testing.QmpScript;
import org.coloconsole.testing.ScriptedQmpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code colo-console qmp} journals every command, and sends one that changes COLO or run state only when forced. */
class QmpCommandJournalTest {
    @TempDir
    Path journal;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void aQueryIsJournaledIntentBeforeOutcome() throws Exception {
        try (ScriptedQmpServer server = ScriptedQmpServer.tcp(QmpScript.negotiated()
                .expect("query-status").reply("{\"status\": \"running\", \"running\": true}"))) {
            assertThat(run(server, "query-status")).isZero();
            assertThat(out.toString()).contains("\"running\":true");
        }
        List<String> lines = journalLines();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains("\"what\":\"action-intent\"", "\"command\":\"query-status\"");
        assertThat(lines.get(1)).contains("\"what\":\"action-outcome\"", "\"result\":\"reply\"");
    }

    @Test
    void aLostHeartbeatWithoutForceIsRefusedUnsentAndJournaled() throws Exception {
        for (String command : List.of("x-colo-lost-heartbeat", "stop", "cont", "system_reset", "migrate_cancel",
                "object-del", "human-monitor-command", "device_del", "block-job-cancel", "nbd-server-stop")) {
            try (ScriptedQmpServer server = ScriptedQmpServer.tcp(QmpScript.negotiated())) {
                assertThat(run(server, command)).as(command).isEqualTo(2);
                assertThat(server.accepted()).as(command + " connected").isZero();
            }
            assertThat(err.toString()).contains("Refused: '" + command + "'", "colo-console failover", "--force");
            assertThat(journalLines()).last().asString().contains("\"what\":\"action-refused\"",
                    "\"command\":\"" + command + "\"");
        }
    }

    @Test
    void aForcedLostHeartbeatIsSentAndJournaled() throws Exception {
        try (ScriptedQmpServer server = ScriptedQmpServer.tcp(QmpScript.negotiated()
                .expect("x-colo-lost-heartbeat").reply("{}"))) {
            assertThat(run(server, "x-colo-lost-heartbeat", "--force")).isZero();
            server.connection(0, Duration.ofSeconds(5)).awaitCaptured(2, Duration.ofSeconds(5));
        }
        List<String> lines = journalLines();
        assertThat(lines.get(0)).contains("action-intent", "\"forced\":true");
        assertThat(lines.get(1)).contains("action-outcome", "\"result\":\"reply\"");
    }

    @Test
    void aJournalThatCannotOpenMeansNothingIsSent() throws Exception {
        try (ScriptedQmpServer server = ScriptedQmpServer.tcp(QmpScript.negotiated())) {
            CommandLine line = Cli.commandLine(start -> 0, () -> {
                throw new IOException("the journal in /nowhere could not be opened: disk full");
            }, "qmp");
            line.setOut(new PrintWriter(out, true));
            line.setErr(new PrintWriter(err, true));
            assertThat(line.execute("qmp", server.endpoint().text(), "query-status")).isEqualTo(3);
            assertThat(server.accepted()).isZero();
        }
        assertThat(err.toString()).contains("Nothing was sent", "disk full");
    }

    @Test
    void onlyCommandsThatChangeStateAreGuarded() {
        assertThat(StateChangingCommand.of("query-status")).isEmpty();
        assertThat(StateChangingCommand.of("query-migrate")).isEmpty();
        assertThat(StateChangingCommand.of("query-colo-status")).isEmpty();
        assertThat(StateChangingCommand.of("X_COLO_LOST_HEARTBEAT")).isPresent();
        assertThat(StateChangingCommand.of("migrate-set-capabilities")).isPresent();
        assertThat(StateChangingCommand.of("chardev-remove")).isPresent();
        assertThat(StateChangingCommand.of("system_powerdown")).isPresent();
        assertThat(StateChangingCommand.of("job-dismiss")).isPresent();
    }

    private int run(ScriptedQmpServer server, String command, String... more) {
        CommandLine line = Cli.commandLine(start -> 0, () -> JournalAuditTrail.open(journal), "qmp");
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        String[] args = new String[3 + more.length];
        args[0] = "qmp";
        args[1] = server.endpoint().text();
        args[2] = command;
        System.arraycopy(more, 0, args, 3, more.length);
        return line.execute(args);
    }

    private List<String> journalLines() throws IOException {
        return Files.readAllLines(journal.resolve("journal.jsonl"), StandardCharsets.UTF_8).stream()
                .filter(l -> l.contains("\"action\":\"qmp\"")).toList();
    }
}
