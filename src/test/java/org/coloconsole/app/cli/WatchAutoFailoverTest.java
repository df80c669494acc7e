package org.coloconsole.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.coloconsole.app.lab.LabFence;
import org.coloconsole.app.lab.LabOptions;
import org.coloconsole.app.lab.LabPair;
import org.coloconsole.app.lab.LabSide;
import org.coloconsole.app.lab.LabSignal;
import org.coloconsole.engine.JournalAuditTrail;
import org.coloconsole.qmp.QmpClient;
import org.coloconsole.qmp.QmpClientOptions;
import org.coloconsole.testing.LabTiming;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code watch --auto-failover} on a real minimal lab pair: headless, the same policy as the window's. */
class WatchAutoFailoverTest {
    @TempDir
    Path tmp;

    private LabPair lab;
    private Path journalDir;

    @BeforeEach
    void start() throws Exception {
        lab = LabPair.start(LabOptions.defaults().withRunDir(Files.createDirectory(tmp.resolve("lab"))));
        journalDir = tmp.resolve("journal");
    }

    @AfterEach
    void stop() {
        lab.close();
    }

    @Test
    void aKilledPrimaryIsReplacedOnItsOwnAndEveryStepIsPrinted() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Cli.commandLine(startWindow -> {
            throw new AssertionError("no window in a CLI test");
        }, () -> JournalAuditTrail.open(journalDir));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String limit = LabTiming.bound(Duration.ofSeconds(14)).toMillis() + "ms";
        CompletableFuture<Integer> watch = CompletableFuture.supplyAsync(() -> cli.execute("watch",
                "--primary", lab.primaryConsoleEndpoint().text(), "--secondary", lab.secondaryConsoleEndpoint().text(),
                "--auto-failover", "--grace", "1s",
                "--fence-secondary", lab.runDir().resolve(LabFence.FILE_NAME).toString(),
                "--fence-secondary-option", "plug=secondary", "--for", limit));
        await().atMost(LabTiming.bound(Duration.ofSeconds(10))).until(() ->
                out.toString().contains("Protected: both sides healthy"));
        lab.kill(LabSide.PRIMARY, LabSignal.KILL);

        int exit = watch.get(LabTiming.bound(Duration.ofSeconds(30)).toSeconds(), TimeUnit.SECONDS);
        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("countdown: The secondary reports COLO_EXIT with reason error.")
                .contains("Failover verified");
        try (QmpClient client = new QmpClient(QmpClientOptions.defaults("harness"))) {
            client.connect(lab.harnessEndpoint(LabSide.SECONDARY));
            assertThat(client.execute("query-colo-status").get(5, TimeUnit.SECONDS).toJson())
                    .isEqualTo("{\"last-mode\":\"secondary\",\"mode\":\"none\",\"reason\":\"request\"}");
        }
        assertThat(Files.readString(journalDir.resolve("journal.jsonl"))).contains("\"auto-failover\"")
                .contains("PROMOTE");
    }

    @Test
    void aFenceOptionThatIsNotKeyValueIsAUsageErrorWithASentence() {
        StringWriter err = new StringWriter();
        CommandLine cli = Cli.commandLine(startWindow -> {
            throw new AssertionError("no window");
        }, () -> JournalAuditTrail.open(journalDir));
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(new StringWriter(), true));
        int exit = cli.execute("watch", "--primary", "unix:/nonexistent/p.sock", "--secondary",
                "unix:/nonexistent/s.sock", "--auto-failover", "--fence-primary", "/bin/true",
                "--fence-primary-option", "plug", "--for", "1ms");
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--fence-primary-option takes KEY=VALUE, not \"plug\"");
    }
}
