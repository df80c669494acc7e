package org.coloconsole.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.coloconsole.app.lab.LabControl;
import org.coloconsole.app.lab.LabSide;
import org.coloconsole.app.lab.LabState;
import org.coloconsole.app.lab.LabStatus;
import org.coloconsole.qmp.Endpoint;
import org.coloconsole.qmp.QmpClient;
import org.coloconsole.qmp.QmpClientOptions;
import org.coloconsole.qmp.QmpValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Each invocation is a fresh command object that knows the lab only through its state file, as separate processes. */
class LabCommandTest {
    @TempDir
    Path temp;

    private Path runDir() {
        return temp.resolve("lab");
    }

    @AfterEach
    void stopWhateverIsLeft() {
        LabControl.stop(runDir(), Duration.ofSeconds(3));
    }

    @Test
    void aFullPairIsTheDefaultAndItsStatusNamesEachGuestsServiceAlsoAsJson() throws Exception {
        Run start = run("start");
        assertThat(start.exit).as(start.err).isZero();
        Run status = run("status", "--json");
        assertThat(status.exit).as(status.err).isZero();
        QmpValue json = QmpValue.parse(status.out.strip());
        assertThat(json.string("kind")).contains("full");
        assertThat(json.integer("checkpoint-delay-ms")).hasValue(2000);
        for (LabSide side : LabSide.values()) {
            assertThat(json.get(side.label()).string("guest")).get(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                    .matches("http://127\\.0\\.0\\.1:\\d+/cgi-bin/status");
            assertThat(json.get(side.label()).bool("running")).contains(true);
        }
        assertThat(json.get("checkpoints").integer("count")).isPresent();
        Run lines = run("status");
        assertThat(lines.out).contains("Lab (full pair) in ").contains("guest http://127.0.0.1:");
    }

    @Test
    void startStatusStopAsSeparateInvocations() throws Exception {
        Run start = run("start", "--minimal", "--console", "tcp", "--checkpoint-delay", "500ms");
        assertThat(start.exit).as(start.err).isZero();
        assertThat(start.out).contains("COLO is up after").contains("primary:  running (pid")
                .contains("secondary: running (pid").contains("console tcp:127.0.0.1:")
                .contains("colo-console watch --primary tcp:127.0.0.1:");

        Run status = run("status");
        assertThat(status.exit).isZero();
        assertThat(status.out).contains("Lab (minimal pair) in " + runDir()).contains("checkpoint every 500 ms")
                .containsPattern("Checkpoints: [1-9][0-9]* checkpoints? in [0-9.]+ s \\([0-9]+/min\\), guest paused")
                .containsPattern("primary: +running \\(pid \\d+\\) +console tcp:127\\.0\\.0\\.1:\\d+ +harness unix:");

        LabState state = LabControl.status(runDir()).orElseThrow().state();
        assertThat(state.side(LabSide.PRIMARY).console()).isInstanceOf(Endpoint.Tcp.class);
        try (QmpClient console = new QmpClient(QmpClientOptions.defaults("primary"))) {
            console.connect(state.side(LabSide.PRIMARY).console());
            assertThat(console.execute("query-colo-status").get(5, TimeUnit.SECONDS).string("mode"))
                    .contains("primary");
        }

        long secondaryPid = state.side(LabSide.SECONDARY).pid();
        ProcessHandle.of(secondaryPid).orElseThrow().destroyForcibly();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> !LabControl.status(runDir()).map(s -> s.isRunning(LabSide.SECONDARY)).orElse(true));
        Run degraded = run("status");
        assertThat(degraded.exit).isEqualTo(1);
        assertThat(degraded.out).contains("secondary: stopped (pid " + secondaryPid + ")")
                .contains("primary:  running");

        long primaryPid = state.side(LabSide.PRIMARY).pid();
        Run stop = run("stop");
        System.out.println("lab stop (one side already gone): " + stop.out.strip().replace('\n', ' '));
        assertThat(stop.exit).isZero();
        assertThat(stop.out).contains("primary (pid " + primaryPid + "): stopped")
                .contains("secondary (pid " + secondaryPid + "): was not running").contains("Removed " + runDir());
        // stop counts an exited but unreaped QEMU as gone; its parent (here this JVM, else PID 1) reaps it soon after
        await().atMost(Duration.ofSeconds(3))
                .until(() -> !ProcessHandle.of(primaryPid).map(ProcessHandle::isAlive).orElse(false));
        assertThat(runDir()).doesNotExist();

        Run after = run("status");
        assertThat(after.exit).isEqualTo(2);
        assertThat(after.out).contains("No lab is running in " + runDir());
        assertThat(run("stop").out).contains("nothing to stop");
        assertThat(LabControl.status(runDir()).map(LabStatus::noneRunning)).isEmpty();
    }

    @Test
    void aFailedStartSaysWhyAndExitsOne() {
        Run start = run("start", "--qemu", temp.resolve("no/qemu-system-x86_64").toString());
        assertThat(start.exit).isEqualTo(1);
        assertThat(start.err).contains("was not found; install it with: sudo apt-get install qemu-system-x86");
        assertThat(runDir()).doesNotExist();
    }

    @Test
    void aBadConsoleTransportIsRefused() {
        Run start = run("start", "--console", "serial");
        assertThat(start.exit).isEqualTo(2);
        assertThat(start.err).contains("--console must be unix or tcp");
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = new CommandLine(new LabCommand(runDir()));
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        int exit = line.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private record Run(int exit, String out, String err) {
    }
}
