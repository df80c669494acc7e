package org.coloconsole.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.coloconsole.app.GuiLauncher.PairEndpoints;
import org.coloconsole.app.lab.LabOptions;
import org.coloconsole.app.lab.LabPair;
import org.coloconsole.app.lab.LabSide;
import org.coloconsole.app.lab.LabSignal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The whole console on a real lab pair, headless: kill the primary QEMU, the banner recommends the secondary, click
 * and confirm, and the secondary card shows it running after a requested COLO exit.
 */
@ExtendWith(ApplicationExtension.class)
class LabFailoverEndToEndTest {
    @TempDir
    static Path dir;

    private LabPair lab;
    private ConsoleWindow window;

    @Start
    void start(Stage stage) {
        lab = LabPair.start(LabOptions.defaults().withRunDir(dir.resolve("lab")));
        PairEndpoints pair = new PairEndpoints(lab.primaryConsoleEndpoint(), lab.secondaryConsoleEndpoint());
        window = JournaledWindows.show(stage, pair, dir.resolve("journal"), dir.resolve("profiles.json"));
    }

    @AfterEach
    void stop(FxRobot robot) {
        try {
            robot.interact(() -> window.shutdown());
        } finally {
            lab.close();
        }
    }

    @Test
    void killThePrimaryThenPromoteTheSecondaryFromTheWindow(FxRobot robot) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(LabelText.of(robot, "#banner-verdict")).isEqualTo("PROTECTED"));

        lab.kill(LabSide.PRIMARY, LabSignal.KILL);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(LabelText.of(robot, "#banner-verdict")).isEqualTo("ACT: PROMOTE SECONDARY");
            assertThat(LabelText.of(robot, "#primary-state")).isEqualTo("LOST");
        });
        assertThat(robot.lookup("#promote-secondary").queryAs(Button.class).getStyleClass()).contains("accent");

        robot.clickOn("#promote-secondary");
        robot.clickOn("#confirm-agree").clickOn("#confirm-failover-button");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(LabelText.of(robot, "#secondary-run-state")).isEqualTo("running");
            assertThat(LabelText.of(robot, "#secondary-colo")).isEqualTo("mode none");
            assertThat(LabelText.of(robot, "#secondary-colo-detail")).isEqualTo("last mode secondary · reason request");
            assertThat(LabelText.of(robot, "#failover-message")).contains("Secondary carries on alone");
        });
        assertThat(robot.lookup("#promote-secondary").queryAs(Button.class).isDisabled()).isTrue();
        assertThat(window.statusBar().getText()).contains("Secondary carries on alone");
    }
}
