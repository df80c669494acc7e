package org.coloconsole.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.coloconsole.app.lab.LabOptions;
import org.coloconsole.app.lab.LabPair;
import org.coloconsole.app.lab.LabSide;
import org.coloconsole.app.lab.LabSignal;
import org.coloconsole.engine.JournalAuditTrail;
import org.coloconsole.qmp.QmpValue;
import org.coloconsole.testing.LabTiming;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The headless CLI against a real COLO pair: output lines and exit codes. */
class CliLabTest {
    @TempDir
    Path tmp;

    private LabPair lab;
    private Path journalDir;

    /** One CLI run's output. */
    record Run(int exit, String out, String err) {
    }

    @BeforeEach
    void start() throws Exception {
        lab = LabPair.start(LabOptions.defaults().withRunDir(Files.createDirectory(tmp.resolve("lab"))));
        journalDir = tmp.resolve("journal");
    }

    @AfterEach
    void stop() {
        lab.close();
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Cli.commandLine(start -> {
            throw new AssertionError("no window in a CLI test");
        }, () -> JournalAuditTrail.open(journalDir));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** How long a one-shot command waits for both sides: its 3 s default, stretched on a loaded TCG machine. */
    private static final String WAIT = LabTiming.bound(java.time.Duration.ofSeconds(3)).toMillis() + "ms";

    private String[] pair(String... rest) {
        String[] base = {"--primary", lab.primaryConsoleEndpoint().text(), "--secondary", lab.secondaryConsoleEndpoint().text()};
        String[] all = new String[rest.length + base.length];
        System.arraycopy(rest, 0, all, 0, rest.length);
        System.arraycopy(base, 0, all, rest.length, base.length);
        return all;
    }

    @Test
    void statusOfAHealthyPairIsProtectedAndExitsZero() {
        Run r = run(pair("status", "--wait", WAIT));
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).startsWith("Pair: ");
        assertThat(lines.get(1)).startsWith("primary").contains("connected").contains("HEALTHY").contains("colo primary");
        assertThat(lines.get(2)).startsWith("secondary").contains("colo secondary");
        assertThat(lines.get(3)).startsWith("Recommendation: PROTECTED");

        Run json = run(pair("status", "--json", "--wait", WAIT));
        QmpValue v = QmpValue.parse(json.out().strip());
        assertThat(v.string("recommendation")).contains("PROTECTED");
        assertThat(v.get("primary").string("colo-mode")).contains("primary");
    }

    @Test
    void aKilledSecondaryExitsOneThenTheFailoverIsVerifiedARerunFinishesNothingAndTheOtherWayIsRefused()
            throws Exception {
        lab.kill(LabSide.SECONDARY, LabSignal.KILL);
        lab.awaitExit(LabSide.SECONDARY, java.time.Duration.ofSeconds(5));
        Run status = run(pair("status", "--wait", WAIT));
        assertThat(status.exit()).isEqualTo(1);
        assertThat(status.out()).contains("Recommendation: CONTINUE_ON_PRIMARY");

        Run failover = run(pair("failover", "--to", "primary", "--yes", "--wait", WAIT));
        assertThat(failover.exit()).as(failover.out() + failover.err()).isZero();
        assertThat(failover.out()).contains("x-colo-lost-heartbeat → primary").containsPattern("VERIFIED in \\d+ ms");

        // a re-run to the same side is how a runbook cut short is finished; here there is nothing left to do
        Run again = run(pair("failover", "--to", "primary", "--yes", "--wait", WAIT));
        assertThat(again.exit()).as(again.out() + again.err()).isZero();
        Run otherWay = run(pair("failover", "--to", "secondary", "--yes", "--wait", WAIT));
        assertThat(otherWay.exit()).isEqualTo(1);
        assertThat(otherWay.err()).startsWith("Refused:").contains("already took over");

        // every action reached the journal: intent, steps and outcome of the first run
        String journal = Files.readString(journalDir.resolve("journal.jsonl"));
        assertThat(journal).contains("\"kind\":\"action_intent\"").contains("\"result\":\"VERIFIED\"");
    }

    @Test
    void failoverWithoutConfirmationSendsNothing() throws Exception {
        java.io.InputStream stdin = System.in;
        try {
            System.setIn(new java.io.ByteArrayInputStream(new byte[0]));
            Run r = run(pair("failover", "--to", "secondary", "--wait", WAIT));
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.err()).contains("Not confirmed; nothing was sent.");
            assertThat(r.out()).contains("stop → primary");
        } finally {
            System.setIn(stdin);
        }
        Run status = run(pair("status", "--wait", WAIT));
        assertThat(status.exit()).isZero();
    }

    @Test
    void neitherSideReachableExitsTwo() {
        lab.close();
        Run r = run(pair("status", "--wait", "1s"));
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).contains("LOST");
    }

    @Test
    void watchPrintsEventsAndAdviceLines() {
        Run r = run(pair("watch", "--for", "4500ms"));
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("primary   STOP").contains("secondary RESUME").contains("Protected: both sides healthy");
        Run json = run(pair("watch", "--json", "--for", "4500ms"));
        assertThat(json.out().lines().filter(l -> l.contains("\"name\":\"STOP\"")).findFirst())
                .get().satisfies(l -> assertThat(QmpValue.parse(l).get("raw").string("event")).contains("STOP"));
    }

    @Test
    void qmpOneShotPrintsTheReplyOrTheErrorWithItsExitCode() {
        Run ok = run("qmp", lab.primaryHarnessEndpoint().text(), "query-colo-status");
        assertThat(ok.exit()).isZero();
        assertThat(ok.out().strip()).isEqualTo("{\"last-mode\":\"none\",\"mode\":\"primary\",\"reason\":\"none\"}");
        Run error = run("qmp", lab.primaryHarnessEndpoint().text(), "no-such-command");
        assertThat(error.exit()).isEqualTo(1);
        assertThat(error.err()).startsWith("CommandNotFound: ");
        Run args = run("qmp", lab.primaryHarnessEndpoint().text(), "query-status", "[1]");
        assertThat(args.exit()).isEqualTo(2);
        assertThat(args.err()).contains("ARGS must be a JSON object");
        Run gone = run("qmp", "unix:" + tmp.resolve("nothing.sock"), "query-status");
        assertThat(gone.exit()).isEqualTo(2);
        assertThat(gone.err()).startsWith("cannot reach QEMU: nothing is listening");
    }
}
