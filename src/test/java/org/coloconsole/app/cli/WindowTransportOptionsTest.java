package org.coloconsole.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.coloconsole.app.GuiLauncher;
import org.coloconsole.app.TransportSecurity;
import org.coloconsole.qmp.Endpoint;
import org.coloconsole.qmp.TlsSettings;
import org.coloconsole.qmp.TestPki;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code colo-console --primary … --secondary …} with {@code --tls-*} and {@code --allow-insecure}: the window gets
 * them for its first pair, and a combination that cannot work is refused as the subcommands refuse it.
 */
class WindowTransportOptionsTest {

    private record Launch(Optional<GuiLauncher.PairEndpoints> pair, TransportSecurity security) {
        static Launch of(GuiLauncher.WindowStart start) {
            return start instanceof GuiLauncher.WindowStart.Pair p ? new Launch(Optional.of(p.endpoints()), p.security())
                    : new Launch(Optional.empty(), TransportSecurity.none());
        }
    }

    private record Run(int exit, String err, List<Launch> launches) {
        /** The sentence picocli prints first, before the usage text. */
        String firstLine() {
            return err.lines().findFirst().orElse("");
        }
    }

    private static Run run(String... args) {
        List<Launch> launches = new ArrayList<>();
        CommandLine cli = Cli.commandLine(start -> {
            launches.add(Launch.of(start));
            return 0;
        }, () -> {
            throw new IOException("no journal in this test");
        });
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, err.toString(), launches);
    }

    @TempDir
    static Path dir;
    private static TestPki pki;

    @BeforeAll
    static void makePki() throws IOException {
        pki = TestPki.create(dir);
    }

    @Test
    void theTlsFilesReachTheWindowForItsFirstPair() {
        Run r = run("--primary", "tls:10.0.0.1:4444", "--secondary", "tls:10.0.0.2:4444", "--tls-ca", pki.ca().toString(),
                "--tls-cert", pki.clientCertificate().toString(), "--tls-key", pki.clientKey().toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.launches()).singleElement().satisfies(launch -> {
            assertThat(launch.pair()).hasValue(new GuiLauncher.PairEndpoints(Endpoint.parse("tls:10.0.0.1:4444"),
                    Endpoint.parse("tls:10.0.0.2:4444")));
            assertThat(launch.security()).isEqualTo(new TransportSecurity(Optional.of(new TlsSettings(
                    pki.ca(), pki.clientCertificate(), pki.clientKey())), false));
        });
    }

    @Test
    void allowInsecureReachesTheWindowAndNothingElseIsAssumed() {
        Run plain = run("--primary", "tcp:10.0.0.1:4444", "--secondary", "tcp:10.0.0.2:4444", "--allow-insecure");
        assertThat(plain.exit()).as(plain.err()).isZero();
        assertThat(plain.launches()).singleElement()
                .isEqualTo(new Launch(Optional.of(new GuiLauncher.PairEndpoints(Endpoint.parse("tcp:10.0.0.1:4444"),
                        Endpoint.parse("tcp:10.0.0.2:4444"))), new TransportSecurity(Optional.empty(), true)));

        Run without = run("--primary", "unix:/run/colo/p.sock", "--secondary", "unix:/run/colo/s.sock");
        assertThat(without.launches()).singleElement()
                .satisfies(launch -> assertThat(launch.security()).isEqualTo(TransportSecurity.none()));
    }

    @Test
    void aCertificateWithoutItsKeyIsRefusedInTheSameWordsAndExitCodeAsStatus() {
        String[] tls = {"--primary", "tls:127.0.0.1:4444", "--secondary", "unix:/nonexistent/s.sock",
                "--tls-ca", "/etc/colo/ca.pem", "--tls-cert", "/etc/colo/console.pem"};
        Run window = run(tls);
        Run status = run(prepend("status", tls));

        assertThat(window.launches()).isEmpty();
        assertThat(window.exit()).isEqualTo(status.exit()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(window.firstLine()).isEqualTo(status.firstLine())
                .isEqualTo("--tls-cert needs its private key: add --tls-key FILE");
    }

    @Test
    void aKeyOfAnotherCertificateIsRefusedBeforeTheWindowOpensAsStatusRefusesIt() {
        String[] tls = {"--primary", "tls:127.0.0.1:4444", "--secondary", "unix:/nonexistent/s.sock",
                "--tls-ca", pki.ca().toString(), "--tls-cert", pki.clientCertificate().toString(),
                "--tls-key", pki.otherClientKey().toString()};
        Run window = run(tls);
        Run status = run(prepend("status", tls));

        assertThat(window.launches()).isEmpty();
        assertThat(window.exit()).isEqualTo(status.exit()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(window.firstLine()).isEqualTo(status.firstLine()).isEqualTo("the TLS client key "
                + pki.otherClientKey() + " does not belong to the certificate in " + pki.clientCertificate());
    }

    @Test
    void theOtherCombinationsThatCannotWorkMatchTheSubcommandsToo() {
        String[][] cases = {
            {"--primary", "tls:127.0.0.1:4444", "--secondary", "unix:/nonexistent/s.sock"},
            {"--primary", "tls:127.0.0.1:4444", "--secondary", "unix:/nonexistent/s.sock", "--tls-key", "/k.pem"},
            {"--primary", "tls:127.0.0.1:4444", "--secondary", "unix:/nonexistent/s.sock", "--tls-cert", "/c.pem",
                "--tls-key", "/k.pem"},
        };
        for (String[] args : cases) {
            Run window = run(args);
            Run status = run(prepend("status", args));
            assertThat(window.launches()).as(String.join(" ", args)).isEmpty();
            assertThat(window.exit()).as(String.join(" ", args)).isEqualTo(status.exit()).isEqualTo(CommandLine.ExitCode.USAGE);
            assertThat(window.firstLine()).as(String.join(" ", args)).isEqualTo(status.firstLine()).isNotBlank();
        }
    }

    @Test
    void transportOptionsWithoutAPairAreAUsageErrorNotSilentlyDropped() {
        Run alone = run("--tls-ca", "/etc/colo/ca.pem");
        assertThat(alone.exit()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(alone.launches()).isEmpty();
        assertThat(alone.firstLine()).isEqualTo("--tls-ca, --tls-cert, --tls-key and --allow-insecure apply to the"
                + " pair given with --primary and --secondary: give the pair too, or set them in a profile (Connect…"
                + " in the window)");

        Run lab = run("--lab", "--allow-insecure");
        assertThat(lab.exit()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(lab.launches()).isEmpty();
        assertThat(lab.firstLine()).startsWith("--lab starts its own pair on local sockets: leave out --tls-ca");
    }

    @Test
    void theSubcommandsStillTakeTheOptionsThroughTheSharedMixin() {
        CommandLine cli = Cli.commandLine(start -> 0, () -> null);
        for (String command : new String[] {"status", "watch", "failover", "jobs", "job", "qmp"}) {
            assertThat(cli.getSubcommands().get(command).getCommandSpec().findOption("--tls-ca"))
                    .as(command).isNotNull();
            assertThat(cli.getSubcommands().get(command).getCommandSpec().findOption("--allow-insecure"))
                    .as(command).isNotNull();
        }
        assertThat(cli.getCommandSpec().findOption("--tls-key")).isNotNull();
    }

    private static String[] prepend(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
