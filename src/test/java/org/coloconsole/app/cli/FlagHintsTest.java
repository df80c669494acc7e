package org.coloconsole.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import org.coloconsole.engine.JournalAuditTrail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The qmp layer's advice is neutral; the command line adds its own flags to what people read, not to --json. */
class FlagHintsTest {
    @TempDir
    Path journal;

    private String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Cli.commandLine(start -> {
            throw new AssertionError("no window in a CLI test");
        }, () -> JournalAuditTrail.open(journal));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.execute(args);
        return new String[] {out.toString(), err.toString()};
    }

    @Test
    void statusNamesTheFlagThatWouldLetPlainTcpThrough() {
        String[] r = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> run("status",
                "--primary", "tcp:192.0.2.1:4444", "--secondary", "unix:" + journal.resolve("none.sock")));
        assertThat(r[0]).as(r[1]).contains("tcp:192.0.2.1:4444 is not a loopback address")
                .contains("Use tls:192.0.2.1:4444, or allow insecure plain TCP (--allow-insecure).");
    }

    @Test
    void jsonKeepsTheQmpLayersWords() {
        String[] r = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> run("status", "--json",
                "--primary", "tcp:192.0.2.1:4444", "--secondary", "unix:" + journal.resolve("none.sock")));
        assertThat(r[0]).as(r[1]).contains("or allow insecure plain TCP.").doesNotContain("--allow-insecure");
    }

    @Test
    void theFlagsForEachRemedy() {
        assertThat(FlagHints.add("…: give the CA file that signed QEMU's server certificate."))
                .endsWith("server certificate (--tls-ca FILE).");
        assertThat(FlagHints.add("…: give a client certificate and its key, signed by a CA QEMU trusts."))
                .endsWith("trusts (--tls-cert FILE --tls-key FILE).");
    }
}
