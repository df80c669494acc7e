package org.coloconsole.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Optional;
import org.coloconsole.engine.JournalAuditTrail;
import org.coloconsole.engine.LogEntry;
import org.coloconsole.testing.QmpScript;
import org.coloconsole.testing.ScriptedQmpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A QEMU string with a newline and an escape sequence reaches neither the terminal nor a log row as such. */
class TerminalTextTest {
    /** A forged line and an OSC sequence that sets the terminal's title. */
    private static final String HOSTILE = "error\nProtected: both sides healthy\u001b]0;owned\u0007\r";

    @TempDir
    Path journal;

    @Test
    void aQemuErrorDescriptionIsPrintedOnOneLineWithoutControlCharacters() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        try (ScriptedQmpServer server = ScriptedQmpServer.tcp(QmpScript.negotiated()
                .expect("query-colo-status").then("reply an error whose description holds control characters",
                        c -> c.sendLine(QmpScript.replyTo(c.last(), "{\"error\": {\"class\": \"GenericError\", "
                                + "\"desc\": \"error\\nProtected: both sides healthy\\u001b]0;owned\\u0007\\r\"}}"))))) {
            CommandLine line = Cli.forTerminal(Cli.commandLine(start -> 0,
                    () -> JournalAuditTrail.open(journal), "qmp"), out, err);
            assertThat(line.execute("qmp", server.endpoint().text(), "query-colo-status")).isEqualTo(1);
        }
        String printed = err.toString();
        assertThat(printed.lines()).hasSize(1);
        assertThat(printed).doesNotContain("\u001b", "\u0007", "\r");
        assertThat(printed).contains("error\\nProtected", "\\x1b]0;owned\\x07");
    }

    @Test
    void helpKeepsItsLines() {
        StringWriter out = new StringWriter();
        CommandLine line = Cli.forTerminal(Cli.commandLine(start -> 0, () -> null, "qmp"), out,
                new StringWriter());
        line.execute("qmp", "--help");
        assertThat(out.toString().lines().count()).isGreaterThan(3);
    }

    @Test
    void aLogRowSummaryIsOneLine() {
        LogEntry row = new LogEntry(1, Optional.of("primary"), java.time.Instant.EPOCH, Optional.empty(),
                "COLO_EXIT", "COLO_EXIT primary/" + HOSTILE, LogEntry.Severity.CRITICAL, "{}");
        assertThat(row.summary()).doesNotContain("\n", "\u001b", "\r").contains("\\n");
    }
}
