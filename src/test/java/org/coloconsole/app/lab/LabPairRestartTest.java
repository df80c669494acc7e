package org.coloconsole.app.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.coloconsole.qmp.QmpClient;
import org.coloconsole.qmp.QmpClientOptions;
import org.coloconsole.qmp.QmpValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link LabPair#restart}: the same command line on the same monitors, a new process out of COLO. */
class LabPairRestartTest {
    @TempDir
    Path tmp;

    @Test
    void aRestartedSecondaryWaitsForIncomingAndARestartedPrimaryWaitsPaused() throws Exception {
        LabPair lab = LabPair.start(LabOptions.defaults().withRunDir(tmp.resolve("lab"))
                .withCheckpointDelay(Duration.ofMillis(500)));
        long oldSecondary = lab.secondaryPid();
        long oldPrimary = lab.primaryPid();
        try {
            lab.restart(LabSide.SECONDARY);
            assertThat(lab.secondaryPid()).isNotEqualTo(oldSecondary);
            assertThat(LabProcesses.isAlive(oldSecondary)).as("the old secondary is gone").isFalse();
            assertThat(lab.isRunning(LabSide.SECONDARY)).isTrue();
            assertThat(LabState.read(lab.runDir()).orElseThrow().side(LabSide.SECONDARY).pid())
                    .as("the state file names the new process").isEqualTo(lab.secondaryPid());
            assertThat(status(lab, LabSide.SECONDARY, "query-status").string("status")).contains("inmigrate");
            assertThat(status(lab, LabSide.SECONDARY, "query-colo-status").string("mode")).contains("none");
            // the console monitor is back on the same endpoint
            try (QmpClient console = new QmpClient(QmpClientOptions.defaults("console"))) {
                console.connect(lab.secondaryConsoleEndpoint());
                assertThat(console.execute("query-status").get(5, TimeUnit.SECONDS).string("status"))
                        .contains("inmigrate");
            }

            lab.restart(LabSide.PRIMARY);
            assertThat(lab.primaryPid()).isNotEqualTo(oldPrimary);
            assertThat(LabProcesses.isAlive(oldPrimary)).isFalse();
            assertThat(status(lab, LabSide.PRIMARY, "query-status").string("status")).contains("prelaunch");
            assertThat(status(lab, LabSide.PRIMARY, "query-colo-status").string("mode")).contains("none");
            assertThat(Files.readString(lab.runDir().resolve("primary-stderr.log")))
                    .as("the log of the first process is kept").isNotNull();
        } finally {
            lab.close();
        }
        assertThat(LabProcesses.isAlive(lab.primaryPid())).isFalse();
        assertThat(LabProcesses.isAlive(lab.secondaryPid())).isFalse();
    }

    @Test
    void aStoppedSideIsRestartedToo() throws Exception {
        try (LabPair lab = LabPair.start(LabOptions.defaults().withRunDir(tmp.resolve("lab2")))) {
            long old = lab.secondaryPid();
            lab.kill(LabSide.SECONDARY, LabSignal.STOP);
            lab.restart(LabSide.SECONDARY);
            assertThat(LabProcesses.isAlive(old)).isFalse();
            assertThat(status(lab, LabSide.SECONDARY, "query-status").string("status")).contains("inmigrate");
        }
    }

    private static QmpValue status(LabPair lab, LabSide side, String command) throws Exception {
        try (QmpClient client = new QmpClient(QmpClientOptions.defaults("harness"))) {
            client.connect(lab.harnessEndpoint(side));
            return client.execute(command).get(5, TimeUnit.SECONDS);
        }
    }
}
