package org.coloconsole.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.coloconsole.app.GuiLauncher;
import org.coloconsole.app.profile.ConnectionProfile;
import org.coloconsole.app.profile.ProfileStore;
import org.coloconsole.engine.JournalAuditTrail;
import org.coloconsole.qmp.QmpValue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code --profile NAME} and {@code --name NAME}: on the window and on every subcommand that takes a pair. */
class ProfileOptionTest {
    @TempDir
    Path dir;
    private ProfileStore store;
    private final List<GuiLauncher.WindowStart> launches = new ArrayList<>();

    private record Run(int exit, String out, String err) {
    }

    @BeforeEach
    void saveAProfile() throws Exception {
        store = new ProfileStore(dir.resolve("config/profiles.json"));
        // nothing listens on these sockets: the commands below read a pair where neither side answers
        store.save(new ConnectionProfile("rack-a", "unix:" + dir.resolve("rack-a/primary.sock"),
                "unix:" + dir.resolve("rack-a/secondary.sock"), 100, 3, 1000, null));
    }

    private Run run(String... args) {
        CommandLine cli = Cli.commandLine(start -> {
            launches.add(start);
            return 0;
        }, () -> JournalAuditTrail.open(dir.resolve("journal")), () -> store, args);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void everySubcommandThatTakesAPairAcceptsProfileAndName() {
        CommandLine whole = Cli.commandLine(start -> 0, () -> null, () -> store);
        for (String name : List.of("status", "watch", "failover", "jobs", "job")) {
            assertThat(whole.getSubcommands().get(name).getCommandSpec().optionsMap())
                    .as(name).containsKeys("--profile", "--name", "--primary", "--secondary");
        }
        assertThat(whole.getCommandSpec().optionsMap()).containsKeys("--profile", "--name");
    }

    @Test
    void statusReadsTheProfilesMonitorsAndSaysItsName() {
        Run r = run("status", "--profile", "rack-a", "--wait", "1s");

        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.UNREACHABLE);
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("Pair: rack-a");
        assertThat(lines.get(1)).contains(dir.resolve("rack-a/primary.sock").toString());
        assertThat(lines.get(2)).contains(dir.resolve("rack-a/secondary.sock").toString());
    }

    @Test
    void nameOverridesTheDerivedNameInTextAndJson() {
        Run json = run("status", "--json", "--wait", "1s", "--name", "db-pair", "--primary",
                "unix:" + dir.resolve("x/p.sock"), "--secondary", "unix:" + dir.resolve("x/s.sock"));
        assertThat(QmpValue.parse(json.out().strip()).get("pair").asText()).isEqualTo("db-pair");

        Run derived = run("jobs", "--wait", "1s", "--primary", "unix:" + dir.resolve("x/p.sock"), "--secondary",
                "unix:" + dir.resolve("x/s.sock"));
        assertThat(derived.out().lines().findFirst()).hasValue("Pair: x");
    }

    @Test
    void anUnknownProfileIsAUsageErrorThatNamesTheKnownOnes() {
        Run r = run("failover", "--to", "secondary", "--profile", "rack-b");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("--profile: there is no profile named rack-b in " + store.file()
                + " (there are: rack-a)");
    }

    @Test
    void aProfileWithEndpointsIsAUsageError() {
        Run r = run("watch", "--profile", "rack-a", "--primary", "unix:/a.sock", "--for", "1s");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("--profile rack-a names the pair: leave out --primary and --secondary");
    }

    @Test
    void theWindowOpensAProfileOrANamedPair() {
        assertThat(run("--profile", "rack-a").exit()).isZero();
        assertThat(run("--name", "db-pair", "--primary", "tcp:127.0.0.1:4444", "--secondary", "tcp:127.0.0.1:4445")
                .exit()).isZero();
        assertThat(launches).containsExactly(new GuiLauncher.WindowStart.Profile("rack-a"),
                new GuiLauncher.WindowStart.Pair(new GuiLauncher.PairEndpoints(
                        org.coloconsole.qmp.Endpoint.parse("tcp:127.0.0.1:4444"),
                        org.coloconsole.qmp.Endpoint.parse("tcp:127.0.0.1:4445")),
                        org.coloconsole.app.TransportSecurity.none(), "db-pair"));

        Run missing = run("--profile", "nope");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(run("--name", "db-pair").err()).startsWith("--name names the pair given with --primary");
    }
}
