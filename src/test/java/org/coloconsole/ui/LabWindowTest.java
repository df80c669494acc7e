package org.coloconsole.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Optional;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.coloconsole.engine.JournalAuditTrail;
import org.coloconsole.app.lab.Accelerator;
import org.coloconsole.app.lab.LabOptions;
import org.coloconsole.app.profile.ProfileStore;
import org.coloconsole.testing.LabTiming;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * {@code colo-console --lab}: the window starts a real lab pair itself, so its status bar says that it runs on the lab
 * and on which accelerator, and the banner reaches PROTECTED only once the lab's checkpoints are seen.
 */
@ExtendWith(ApplicationExtension.class)
class LabWindowTest {
    @TempDir
    static Path dir;

    /** The lab stops with the window; if the test fails before, the lab's own shutdown hook stops it. */
    private ConsoleWindow window;

    @Start
    void start(Stage stage) {
        ConsoleContext context = new ConsoleContext(Optional.empty(), org.coloconsole.app.TransportSecurity.none(),
                SupervisorSession.connector(() -> JournalAuditTrail.open(dir.resolve("journal")), Clock.systemUTC(),
                        org.coloconsole.testing.TestClaims.thisProcess()),
                new LabPairStarter(LabOptions.defaults().withRunDir(dir.resolve("lab"))
                        .withCheckpointDelay(Duration.ofMillis(500))),
                new ProfileStore(dir.resolve("profiles.json")), Clock.systemUTC(), ZoneOffset.UTC, false, true);
        window = ConsoleApp.show(stage, context);
    }

    @Test
    void theStatusBarSaysTheWindowRunsOnTheLabAndTheBannerEarnsProtected(FxRobot robot) {
        String accelerator = LabTiming.ACCELERATOR == Accelerator.KVM
                ? "Lab: running (minimal pair, KVM, checkpoint every 500 ms)"
                : "Lab: running (minimal pair, TCG with the TCG workaround, checkpoint every 500 ms)";
        await().atMost(LabTiming.bound(Duration.ofSeconds(20))).untilAsserted(() -> {
            assertThat(robot.lookup("#status-lab").queryAs(Label.class).getText()).isEqualTo(accelerator);
            // the dashboard exists only once the lab is up and the window has opened it
            assertThat(robot.lookup("#banner-verdict").tryQueryAs(Label.class).map(Label::getText))
                    .hasValue("PROTECTED");
        });
        assertThat(robot.lookup("#banner-headline").tryQueryAs(Label.class).map(Label::getText))
                .hasValueSatisfying(h -> assertThat(h).contains("checkpoint every 0.5 s"));
        robot.interact(window::shutdown);
        assertThat(dir.resolve("lab")).doesNotExist();
    }
}
