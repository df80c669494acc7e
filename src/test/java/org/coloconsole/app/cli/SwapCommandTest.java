package org.coloconsole.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.coloconsole.engine.JournalAuditTrail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code swap} refuses before anything is sent when a side does not answer, and needs the new secondary's monitor. */
class SwapCommandTest {
    @TempDir
    Path temp;

    @Test
    void aSwapOfAPairWhoseSidesDoNotAnswerIsRefusedWithExitTwoAndNothingJournaledAsIntent() throws Exception {
        Run run = cli("swap", "--primary", "unix:" + temp.resolve("p.sock"), "--secondary",
                "unix:" + temp.resolve("s.sock"), "--new-secondary", "unix:" + temp.resolve("n.sock"), "--yes",
                "--wait", "300ms");

        assertThat(run.exit).as(run.out + run.err).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(run.err).contains("needs both sides answering; nothing was sent");
        try (var files = Files.walk(temp.resolve("journal"))) {
            String journal = files.filter(Files::isRegularFile).map(SwapCommandTest::read)
                    .reduce("", String::concat);
            assertThat(journal).doesNotContain("swap roles");
        }
    }

    @Test
    void theNewSecondarysMonitorIsRequired() {
        Run run = cli("swap", "--primary", "unix:" + temp.resolve("p.sock"), "--secondary",
                "unix:" + temp.resolve("s.sock"), "--yes");

        assertThat(run.exit).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(run.err).contains("--new-secondary");
    }

    private record Run(int exit, String out, String err) {
    }

    private Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = Cli.commandLine(start -> 0, () -> JournalAuditTrail.open(temp.resolve("journal")));
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        int exit = line.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
