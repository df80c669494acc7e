package org.coloconsole.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.coloconsole.app.GuiLauncher.PairEndpoints;
import org.coloconsole.app.TransportSecurity;
import org.coloconsole.app.profile.ProfileStore;
import org.coloconsole.engine.FatalErrors;
import org.coloconsole.engine.HeartbeatSettings;
import org.coloconsole.qmp.Endpoint;
import org.coloconsole.ui.dashboard.ScriptedFailoverPort;
import org.coloconsole.ui.dashboard.Snapshots;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The window outlives what goes wrong under it: a pair whose journal cannot be created at start-up leaves the start
 * screen saying why (not a stopped app, not a dead dashboard), and a fatal error on one of the console's threads is
 * said on screen and halts the failover actions.
 */
@ExtendWith(ApplicationExtension.class)
class WindowSurvivesTest {
    private static final String NO_JOURNAL = "The journal could not be opened: /home/op/.local/share/colo-console/"
            + "journal is owned by another user.";
    private static final PairEndpoints PAIR = new PairEndpoints(Endpoint.parse("unix:/run/lab/primary.sock"),
            Endpoint.parse("unix:/run/lab/secondary.sock"));

    @TempDir
    static Path dir;

    private final FatalErrors fatal = new FatalErrors();
    private final AtomicBoolean journalWorks = new AtomicBoolean(false);
    private ConsoleWindow window;

    @Start
    void start(Stage stage) {
        PairConnector connector = (name, pair, heartbeat, options) -> {
            if (!journalWorks.get()) {
                throw new UncheckedIOException(NO_JOURNAL, new java.io.IOException("owned by another user"));
            }
            return new FakeSession(Snapshots.primaryKilled(), new ScriptedFailoverPort());
        };
        ConsoleContext context = new ConsoleContext(Optional.of(PAIR), TransportSecurity.none(), connector,
                () -> { throw new IllegalStateException("no lab in this test"); },
                new ProfileStore(dir.resolve("profiles.json")), Clock.systemUTC(), ZoneOffset.UTC, false, false,
                WindowMemory.none(), alert -> { }, fatal, new PendingCloses(), "", Optional.empty());
        window = ConsoleApp.show(stage, context);
    }

    @Test
    void aPairWhoseJournalCannotBeCreatedLeavesTheStartScreenSayingWhy(FxRobot robot) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(window.statusBar().getText()).contains("was not opened").contains(NO_JOURNAL));
        assertThat(robot.lookup("#start-view").tryQuery()).isPresent();
        assertThat(robot.lookup("#primary-card").tryQuery()).isEmpty();
        assertThat(robot.lookup(".start-view .label").queryAllAs(Label.class)).anySatisfy(label ->
                assertThat(label.getText()).contains(NO_JOURNAL));

        // still usable: the next open works
        journalWorks.set(true);
        robot.interact(() -> window.openPair("lab", PAIR, HeartbeatSettings.defaults()));
        await().atMost(Duration.ofSeconds(30)).until(() -> robot.lookup("#primary-card").tryQuery().isPresent());

        // and a failed open replaces the dashboard rather than leaving the old one on screen
        journalWorks.set(false);
        robot.interact(() -> window.openPair("lab", PAIR, HeartbeatSettings.defaults()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(robot.lookup("#primary-card").tryQuery()).isEmpty();
            assertThat(window.statusBar().getText()).contains(NO_JOURNAL);
        });
    }

    @Test
    void aFatalErrorIsSaidOnScreenAndHaltsTheFailoverActions(FxRobot robot) {
        journalWorks.set(true);
        robot.interact(() -> window.openPair("lab", PAIR, HeartbeatSettings.defaults()));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                robot.lookup("#promote-secondary").tryQuery().isPresent()
                        && !robot.lookup("#promote-secondary").queryAs(Button.class).isDisabled());

        Thread dying = new Thread(() -> fatal.report("pair-state", new OutOfMemoryError("Java heap space")),
                "pair-state");
        dying.start();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(robot.lookup("#fatal-banner").tryQuery()).hasValueSatisfying(banner ->
                    assertThat(((Label) banner).getText()).contains("fatal error on its thread 'pair-state'")
                            .contains("OutOfMemoryError"));
            assertThat(robot.lookup("#promote-secondary").queryAs(Button.class).isDisabled()).isTrue();
            assertThat(robot.lookup("#continue-primary").queryAs(Button.class).isDisabled()).isTrue();
            assertThat(window.statusBar().getText()).contains("fatal error");
        });
    }
}
