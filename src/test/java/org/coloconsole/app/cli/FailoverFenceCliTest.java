package org.coloconsole.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.coloconsole.app.lab.LabFence;
import org.coloconsole.app.lab.LabOptions;
import org.coloconsole.app.lab.LabPair;
import org.coloconsole.app.lab.LabSide;
import org.coloconsole.app.lab.LabSignal;
import org.coloconsole.engine.JournalAuditTrail;
import org.coloconsole.qmp.QmpClient;
import org.coloconsole.qmp.QmpClientOptions;
import org.coloconsole.qmp.QmpValue;
import org.coloconsole.testing.LabTiming;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code failover --to secondary} by hand, without the operator's acknowledgement, on a real minimal lab pair whose
 * primary is frozen (SIGSTOP: it answers nothing, and its QEMU is not gone): the primary's fence action runs first,
 * is journaled, and its success is the proof the acknowledgement would otherwise give; a fence that fails refuses
 * the failover and nothing is sent to QEMU.
 */
class FailoverFenceCliTest {
    @TempDir
    Path tmp;

    private LabPair lab;
    private Path journalDir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void start() throws Exception {
        lab = LabPair.start(LabOptions.defaults().withRunDir(Files.createDirectory(tmp.resolve("lab"))));
        journalDir = tmp.resolve("journal");
    }

    @AfterEach
    void stop() {
        if (lab.isRunning(LabSide.PRIMARY)) {
            lab.kill(LabSide.PRIMARY, LabSignal.CONT);
        }
        lab.close();
    }

    private int failover(String... fence) {
        CommandLine cli = Cli.commandLine(startWindow -> {
            throw new AssertionError("no window in a CLI test");
        }, () -> JournalAuditTrail.open(journalDir));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        List<String> args = new java.util.ArrayList<>(List.of("failover", "--to", "secondary", "--yes",
                "--primary", lab.primaryConsoleEndpoint().text(), "--secondary", lab.secondaryConsoleEndpoint().text(),
                // a frozen primary's monitor accepts the connection but never greets: unresponsive after 3 s
                "--wait", LabTiming.bound(Duration.ofSeconds(10)).toMillis() + "ms"));
        args.addAll(List.of(fence));
        return cli.execute(args.toArray(String[]::new));
    }

    private QmpValue harness(LabSide side, String command) throws Exception {
        try (QmpClient client = new QmpClient(QmpClientOptions.defaults("harness"))) {
            client.connect(lab.harnessEndpoint(side));
            return client.execute(command).get(5, TimeUnit.SECONDS);
        }
    }

    private String journal() throws Exception {
        return Files.readString(journalDir.resolve("journal.jsonl"));
    }

    @Test
    void aFrozenPrimaryIsFencedByItsAgentThenTheSecondaryIsPromotedWithoutTheAcknowledgement() throws Exception {
        long primaryPid = lab.primaryPid();
        lab.kill(LabSide.PRIMARY, LabSignal.STOP);

        int exit = failover("--fence-primary", lab.runDir().resolve(LabFence.FILE_NAME).toString(),
                "--fence-primary-option", "plug=primary",
                "--fence-primary-option", "run_dir=" + lab.runDir().toAbsolutePath(),
                "--fence-timeout", LabTiming.bound(Duration.ofSeconds(10)).toMillis() + "ms");

        assertThat(exit).as(out + "\n" + err).isZero();
        assertThat(out.toString()).contains("its fence action runs first")
                .contains("Fencing the primary: ").contains("fence_colo_lab off exited 0").contains("VERIFIED");
        assertThat(ProcessHandle.of(primaryPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(harness(LabSide.SECONDARY, "query-status").bool("running")).contains(true);
        assertThat(harness(LabSide.SECONDARY, "query-colo-status").string("mode")).contains("none");
        // journaled as the automatic path journals it: the fence's intent and outcome before the runbook's intent,
        // which names the fence as its proof
        String journal = journal();
        int fenceIntent = journal.indexOf("\"what\":\"fence-intent\"");
        int fenceOutcome = journal.indexOf("\"what\":\"fence-outcome\"");
        int intent = journal.indexOf("\"what\":\"action-intent\"");
        assertThat(fenceIntent).isNotNegative();
        assertThat(fenceOutcome).isGreaterThan(fenceIntent);
        assertThat(intent).isGreaterThan(fenceOutcome);
        assertThat(journal.substring(fenceOutcome, journal.indexOf('\n', fenceOutcome))).contains("SUCCEEDED");
        assertThat(journal.substring(intent, journal.indexOf('\n', intent)))
                .contains("\"acknowledged-other-fenced\":false").contains("fence-proof");
        assertThat(journal).contains("\"VERIFIED\"");
    }

    @Test
    void aFenceThatFailsRefusesTheFailoverAndNothingIsSent() throws Exception {
        Path agent = tmp.resolve("fence_fails");
        Files.writeString(agent, "#!/bin/sh\ncat >/dev/null\necho 'Failed: Unable to connect/login to fencing device'"
                + "\nexit 1\n");
        assertThat(agent.toFile().setExecutable(true)).isTrue();
        long primaryPid = lab.primaryPid();
        lab.kill(LabSide.PRIMARY, LabSignal.STOP);

        int exit = failover("--fence-primary", agent.toString(), "--fence-primary-option", "plug=primary");

        assertThat(exit).as(out + "\n" + err).isEqualTo(ExitCodes.QEMU_ERROR);
        assertThat(err.toString()).contains("Refused: The fence of the primary did not prove it down")
                .contains("Unable to connect/login to fencing device");
        String journal = journal();
        assertThat(journal).contains("\"what\":\"fence-intent\"").contains("\"what\":\"fence-outcome\"")
                .contains("\"FAILED\"").contains("\"what\":\"action-refused\"")
                .doesNotContain("\"what\":\"action-intent\"").doesNotContain("\"what\":\"action-step\"");
        assertThat(ProcessHandle.of(primaryPid).map(ProcessHandle::isAlive).orElse(false)).isTrue();
        // nothing was sent: the secondary still waits in COLO
        assertThat(harness(LabSide.SECONDARY, "query-colo-status").string("mode")).contains("secondary");
    }
}
