package org.coloconsole.qmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import org.coloconsole.app.cli.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The {@code --tls-*} and {@code --allow-insecure} options of {@code qmp} and of the pair commands. */
class TlsCliTest {
    @TempDir
    Path dir;

    /** qmp journals every command (the pair commands here are refused before they would open it). */
    @TempDir
    static Path journal;

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Cli.commandLine(start -> {
            throw new AssertionError("no window in a CLI test");
        }, () -> org.coloconsole.engine.JournalAuditTrail.open(journal));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void qmpRefusesPlainTcpToARemoteAddressWithoutTryingIt() {
        Run r = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> run("qmp", "--timeout", "60s", "tcp:192.0.2.1:4444", "query-status"));
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("tcp:192.0.2.1:4444 is not a loopback address: QMP over plain TCP gives anyone"
                + " on the network full control of the VM. Use tls:192.0.2.1:4444, or allow insecure plain TCP"
                + " (--allow-insecure).");
    }

    @Test
    void tlsOptionsThatCannotWorkAreUsageErrors() {
        assertThat(run("qmp", "tls:127.0.0.1:4444", "query-status").err())
                .contains("tls:127.0.0.1:4444 needs --tls-ca FILE");
        assertThat(run("qmp", "--tls-ca", "ca.pem", "--tls-cert", "c.pem", "tls:127.0.0.1:4444", "query-status").err())
                .contains("--tls-cert needs its private key: add --tls-key FILE");
        assertThat(run("qmp", "--tls-key", "k.pem", "--tls-cert", "c.pem", "tls:127.0.0.1:4444", "query-status").err())
                .contains("--tls-cert and --tls-key need --tls-ca FILE");
        assertThat(run("status", "--primary", "tls:127.0.0.1:4444", "--secondary", "unix:/nonexistent.sock").err())
                .contains("tls:127.0.0.1:4444 needs --tls-ca FILE");
    }

    @Test
    void qmpOverTlsAgainstARealQemu() throws Exception {
        TlsCertificates pki = new TlsCertificates(dir);
        pki.ca("ca");
        pki.server("server", "ca", "IP:127.0.0.1");
        pki.client("console", "ca");
        try (TlsQemu qemu = TlsQemu.start(pki.qemuServerDir("ca", "server"), true, dir)) {
            String endpoint = qemu.endpoint("127.0.0.1").text();
            Run ok = run("qmp", "--tls-ca", pki.cert("ca").toString(), "--tls-cert", pki.cert("console").toString(),
                    "--tls-key", pki.key("console").toString(), endpoint, "query-status");
            assertThat(ok.exit()).as(ok.err()).isZero();
            assertThat(QmpValue.parse(ok.out().strip()).string("status")).hasValue("running");

            Run refused = run("qmp", "--tls-ca", pki.cert("ca").toString(), endpoint, "query-status");
            assertThat(refused.exit()).isEqualTo(2);
            assertThat(refused.err()).contains("requires a client certificate").contains("--tls-cert FILE --tls-key FILE");
        }
    }
}
