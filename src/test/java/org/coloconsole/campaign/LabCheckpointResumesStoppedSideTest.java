package org.coloconsole.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.coloconsole.testing.LabTiming;
import org.coloconsole.app.lab.LabOptions;
import org.coloconsole.app.lab.LabPair;
import org.coloconsole.app.lab.LabSide;
import org.coloconsole.qmp.QmpClient;
import org.coloconsole.qmp.QmpClientOptions;
import org.coloconsole.qmp.QmpValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The QEMU fact behind the double run the campaigns found: in COLO, {@code stop} does not keep a side's guest
 * stopped — the next checkpoint starts it again, on either side. Seen: paused, paused, colo (the checkpoint),
 * running. Pinned here so that the runbook's fencing is judged against it.
 */
class LabCheckpointResumesStoppedSideTest {
    @TempDir
    Path tmp;

    @Test
    void aCheckpointRestartsTheGuestOfAStoppedSecondary() throws Exception {
        assertThat(statusesAfterStop(LabSide.SECONDARY)).contains("running/true");
    }

    @Test
    void aCheckpointRestartsTheGuestOfAStoppedPrimary() throws Exception {
        assertThat(statusesAfterStop(LabSide.PRIMARY)).contains("running/true");
    }

    /** {@code stop} to one side of a fresh pair, then its status sampled across several checkpoints. */
    private String statusesAfterStop(LabSide side) throws Exception {
        try (LabPair lab = LabPair.start(LabOptions.defaults().withRunDir(Files.createDirectory(tmp.resolve("lab")))
                .withCheckpointDelay(LabTiming.checkpointDelay(Duration.ofMillis(200))));
             QmpClient client = new QmpClient(QmpClientOptions.defaults("harness"))) {
            client.connect(lab.harnessEndpoint(side));
            client.execute("stop").get(5, TimeUnit.SECONDS);
            assertThat(client.execute("query-status").get(5, TimeUnit.SECONDS).bool("running")).contains(false);
            StringBuilder samples = new StringBuilder();
            for (int k = 0; k < 30; k++) {
                Thread.sleep(50); // waits on QEMU's checkpoint timer; measures nothing
                QmpValue status = client.execute("query-status").get(5, TimeUnit.SECONDS);
                samples.append(status.string("status").orElse("?")).append('/')
                        .append(status.bool("running").orElse(null)).append(' ');
            }
            System.out.println(side.label() + " after stop: " + samples);
            return samples.toString();
        }
    }
}
