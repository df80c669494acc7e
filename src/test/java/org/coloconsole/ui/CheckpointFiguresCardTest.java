package org.coloconsole.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.coloconsole.colo.Observation;
import org.coloconsole.colo.Recommendation;
import org.coloconsole.colo.Side;
import org.coloconsole.qmp.QmpValue;
import org.coloconsole.ui.dashboard.ScriptedFailoverPort;
import org.coloconsole.ui.dashboard.Snapshots;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The primary's card shows the last checkpoint's downtime and bytes when QEMU reports them, and no such row when it
 * does not (QEMU 7.2 and 10.0 answer {@code {"status": "colo"}} alone: CheckpointFigures).
 */
@ExtendWith(ApplicationExtension.class)
class CheckpointFiguresCardTest {
    @TempDir
    static Path dir;

    private FakeSession session;

    @Start
    void start(Stage stage) {
        session = new FakeSession(Snapshots.protectedPair(), new ScriptedFailoverPort());
        session.showOnLabSockets(stage, dir);
    }

    @Test
    void theRowAppearsWithTheFiguresAndIsGoneWithoutThem(FxRobot robot) {
        Label row = robot.lookup("#primary-last-checkpoint").queryAs(Label.class);
        assertThat(row.isVisible()).as("QEMU 7.2's answer has no figures: no row").isFalse();
        assertThat(row.isManaged()).isFalse();

        Snapshots pair = Snapshots.replicating();
        pair.apply(org.coloconsole.colo.PollDecoder.decode(Side.PRIMARY, Snapshots.NOW, "query-migrate",
                QmpValue.parse("{\"status\": \"colo\", \"downtime\": 38, \"ram\": {\"transferred\": 1258291}}"))
                .orElseThrow());
        session.push(pair.recommending(Recommendation.Kind.PROTECTED, Optional.empty()));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(LabelText.of(robot, "#primary-last-checkpoint"))
                    .isEqualTo("last checkpoint: 38.0 ms paused · 1.2 MiB");
            assertThat(row.isVisible()).isTrue();
        });
        assertThat(robot.lookup("#secondary-last-checkpoint").queryAs(Label.class).isVisible()).isFalse();

        pair.apply(new Observation.MigratePolled(Side.PRIMARY, Snapshots.NOW, "colo"));
        session.push(pair.recommending(Recommendation.Kind.PROTECTED, Optional.empty()));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(row.isVisible()).isFalse());
    }
}
