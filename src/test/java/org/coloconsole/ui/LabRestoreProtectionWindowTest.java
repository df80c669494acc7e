package org.coloconsole.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.coloconsole.app.GuiLauncher.PairEndpoints;
import org.coloconsole.app.lab.LabOptions;
import org.coloconsole.app.lab.LabPair;
import org.coloconsole.app.lab.LabPairKind;
import org.coloconsole.app.lab.LabSide;
import org.coloconsole.app.lab.LabSignal;
import org.coloconsole.qmp.QmpClient;
import org.coloconsole.qmp.QmpClientOptions;
import org.coloconsole.testing.LabTiming;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Issue 16 from the window, on the full lab pair: the secondary QEMU is killed, the operator continues on the primary,
 * the banner offers "Restore protection…", a new secondary is started with empty disks and {@code -incoming defer},
 * and the dialog's check and flow end with both QEMUs in COLO again and the window protected on the new pair.
 */
@ExtendWith(ApplicationExtension.class)
class LabRestoreProtectionWindowTest {
    @TempDir
    static Path dir;

    private LabPair lab;
    private ConsoleWindow window;

    @Start
    void start(Stage stage) {
        lab = LabPair.start(LabOptions.defaults().withKind(LabPairKind.FULL).withRunDir(dir.resolve("lab"))
                .withStartTimeout(LabTiming.bound(Duration.ofSeconds(20)))
                .withCheckpointDelay(LabTiming.checkpointDelay(Duration.ofSeconds(2))));
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

    private static boolean shown(FxRobot robot, String id) {
        return robot.lookup(id).tryQuery().map(Node::isVisible).orElse(false);
    }

    @Test
    void afterContinuingOnThePrimaryTheWindowRestoresProtectionOntoANewSecondary(FxRobot robot) throws Exception {
        await().atMost(LabTiming.bound(Duration.ofSeconds(60))).untilAsserted(() ->
                assertThat(LabelText.of(robot, "#banner-verdict")).isEqualTo("PROTECTED"));
        assertThat(shown(robot, "#banner-restore")).isFalse();

        lab.kill(LabSide.SECONDARY, LabSignal.KILL);
        await().atMost(LabTiming.bound(Duration.ofSeconds(15))).untilAsserted(() ->
                assertThat(LabelText.of(robot, "#banner-verdict")).isEqualTo("ACT: CONTINUE ON PRIMARY"));
        robot.clickOn("#continue-primary");
        robot.clickOn("#confirm-agree").clickOn("#confirm-failover-button");
        await().atMost(LabTiming.bound(Duration.ofSeconds(30))).untilAsserted(() ->
                assertThat(shown(robot, "#banner-restore")).as(LabelText.of(robot, "#banner-headline")).isTrue());

        robot.clickOn("#banner-restore");
        lab.startNewSecondary();
        robot.interact(() -> robot.lookup("#restore-endpoint").queryAs(TextField.class)
                .setText(lab.secondaryConsoleEndpoint().text()));
        robot.clickOn("#restore-check");
        await().atMost(LabTiming.bound(Duration.ofSeconds(40))).untilAsserted(() ->
                assertThat(robot.lookup("#restore-run").queryAs(Button.class).isDisabled())
                        .as(LabelText.of(robot, "#restore-result")).isFalse());
        robot.clickOn("#restore-run");
        await().atMost(LabTiming.bound(Duration.ofSeconds(120))).untilAsserted(() ->
                assertThat(LabelText.of(robot, "#restore-result")).startsWith("Protected again"));
        System.out.println("restore from the window (load " + java.nio.file.Files.readString(
                Path.of("/proc/loadavg")).strip() + "): " + LabelText.of(robot, "#restore-result"));

        try (QmpClient primary = new QmpClient(QmpClientOptions.defaults("primary-harness"));
             QmpClient secondary = new QmpClient(QmpClientOptions.defaults("secondary-harness"))) {
            primary.connect(lab.primaryHarnessEndpoint());
            secondary.connect(lab.secondaryHarnessEndpoint());
            assertThat(primary.execute("query-colo-status").get(5, TimeUnit.SECONDS).string("mode"))
                    .contains("primary");
            assertThat(secondary.execute("query-colo-status").get(5, TimeUnit.SECONDS).string("mode"))
                    .contains("secondary");
        }
        robot.clickOn("#restore-close");
        await().atMost(LabTiming.bound(Duration.ofSeconds(30))).untilAsserted(() -> {
            assertThat(LabelText.of(robot, "#banner-verdict")).isEqualTo("PROTECTED");
            assertThat(shown(robot, "#banner-restore")).isFalse();
        });
    }
}
