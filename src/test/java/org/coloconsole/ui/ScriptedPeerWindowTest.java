package org.coloconsole.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javafx.scene.control.Button;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.coloconsole.app.GuiLauncher.PairEndpoints;
import org.coloconsole.engine.LogEntry;
import org.coloconsole.ui.dashboard.FailoverPort;
import org.coloconsole.ui.dashboard.RunbookStep;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The whole console — supervisor, side links, runner, window — headless, against two scripted QMP peers that answer
 * like a QEMU 7.2 COLO pair on real UNIX sockets: what the peers send shows in the window, and what the operator
 * clicks is exactly what reaches each peer.
 */
@ExtendWith(ApplicationExtension.class)
class ScriptedPeerWindowTest {
    /** Every command a failover runbook can send; polls and heartbeats are not among them. */
    private static final Set<String> RUNBOOK = Set.of("stop", "quit", "cont", "yank", "x-colo-lost-heartbeat");
    private static final AtomicInteger RUNS = new AtomicInteger();

    @TempDir
    static Path dir;

    private final AtomicLong order = new AtomicLong();
    private ColoPeer primary;
    private ColoPeer secondary;
    private ConsoleWindow window;

    @Start
    void start(Stage stage) throws IOException {
        primary = ColoPeer.primary(order);
        secondary = ColoPeer.secondary(order);
        secondary.takesOverOnLostHeartbeat();
        // a stopped primary stays paused: that is what lets the runbook's verification pass while it answers
        primary.on("stop", (peer, connection) -> {
            peer.answer("query-status", ColoPeer.PAUSED);
            peer.event("STOP", null);
        });
        PairEndpoints pair = new PairEndpoints(primary.endpoint(), secondary.endpoint());
        Path run = dir.resolve("run-" + RUNS.incrementAndGet());
        window = JournaledWindows.show(stage, pair, run.resolve("journal"), run.resolve("profiles.json"));
    }

    @AfterEach
    void stop(FxRobot robot) {
        try {
            robot.interact(() -> window.shutdown());
        } finally {
            primary.close();
            secondary.close();
        }
    }

    @Test
    void aColoExitAndAClosedPrimaryShowOnTheCardsTheLogAndTheBanner(FxRobot robot) {
        awaitHealthyPair(robot, primary);

        secondary.event("COLO_EXIT", "{\"mode\": \"secondary\", \"reason\": \"error\"}");
        primary.hangUp();

        @SuppressWarnings("unchecked")
        TableView<LogEntry> table = robot.lookup("#log-table").queryAs(TableView.class);
        await().atMost(Duration.ofSeconds(1)).untilAsserted(() -> {
            assertThat(LabelText.of(robot, "#secondary-state")).isEqualTo("EXITED");
            assertThat(LabelText.of(robot, "#secondary-last-exit")).startsWith("COLO_EXIT secondary/error");
            assertThat(LabelText.of(robot, "#primary-state")).isEqualTo("LOST");
            assertThat(List.copyOf(table.getItems())).anySatisfy(row -> {
                assertThat(row.name()).isEqualTo("COLO_EXIT");
                assertThat(row.side()).contains("secondary");
                assertThat(row.summary()).isEqualTo("COLO_EXIT secondary/error");
                assertThat(row.severity()).isEqualTo(LogEntry.Severity.CRITICAL);
            });
            assertThat(LabelText.of(robot, "#banner-verdict")).isEqualTo("ACT: PROMOTE SECONDARY");
            assertThat(LabelText.of(robot, "#banner-headline")).contains("promote the secondary");
        });
        assertThat(robot.lookup("#promote-secondary").queryAs(Button.class).getStyleClass()).contains("accent");
        assertThat(robot.lookup("#continue-primary").queryAs(Button.class).isDisabled()).isTrue();
        assertThat(secondary.failures()).isEmpty();
    }

    @Test
    void promotingTheSecondaryAfterThePrimaryClosedSendsTheRunbookToTheSecondaryOnly(FxRobot robot) {
        awaitHealthyPair(robot, primary);
        secondary.event("COLO_EXIT", "{\"mode\": \"secondary\", \"reason\": \"error\"}");
        primary.hangUp();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(LabelText.of(robot, "#primary-state")).isEqualTo("LOST");
            assertThat(LabelText.of(robot, "#banner-verdict")).isEqualTo("ACT: PROMOTE SECONDARY");
        });
        int primaryBefore = primary.commands().size();

        robot.clickOn("#promote-secondary");
        robot.clickOn("#confirm-agree").clickOn("#confirm-failover-button");

        awaitSecondaryTookOver(robot, 3);
        assertThat(runbook(secondary)).containsExactly("yank", "x-colo-lost-heartbeat");
        assertThat(runbook(primary)).isEmpty();
        assertThat(primary.commands()).hasSize(primaryBefore);
        assertThat(secondary.failures()).isEmpty();
    }

    @Test
    void promotingTheSecondaryWhileThePrimaryAnswersStopsThePrimaryFirst(FxRobot robot) {
        awaitHealthyPair(robot, primary);

        robot.clickOn("#promote-secondary");
        robot.clickOn("#confirm-agree").clickOn("#confirm-failover-button");

        awaitSecondaryTookOver(robot, 5);
        // fenced before anything reaches the secondary, and again after the lost-heartbeat (a checkpoint may resume it)
        assertThat(runbook(primary)).containsExactly("stop", "stop");
        assertThat(runbook(secondary)).containsExactly("yank", "x-colo-lost-heartbeat");
        long stopped = runbookOrder(primary).get(0);
        assertThat(runbookOrder(secondary)).allSatisfy(o -> assertThat(o).isGreaterThan(stopped));
        await().atMost(Duration.ofSeconds(2)).untilAsserted(() ->
                assertThat(LabelText.of(robot, "#primary-run-state")).startsWith("paused").contains("fenced by the console"));
        assertThat(primary.failures()).isEmpty();
        assertThat(secondary.failures()).isEmpty();
    }

    @Test
    void cancellingTheConfirmationSendsNothingToEitherPeer(FxRobot robot) {
        awaitHealthyPair(robot, primary);

        robot.clickOn("#promote-secondary");
        robot.clickOn("#confirm-agree"); // even with the confirmation ticked, Cancel sends nothing
        robot.clickOn("#cancel-failover-button");
        robot.clickOn("#continue-primary");
        robot.clickOn("#cancel-failover-button");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#confirm-failover").tryQuery()).isEmpty();

        int heartbeats = secondary.commands().size();
        // the peers keep hearing the heartbeat for a second, and nothing else
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() ->
                runbook(primary).isEmpty() && runbook(secondary).isEmpty());
        assertThat(secondary.commands().size()).isGreaterThan(heartbeats);
        assertThat(LabelText.of(robot, "#banner-verdict")).isEqualTo("PROTECTED");
        assertThat(robot.lookup("#promote-secondary").queryAs(Button.class).isDisabled()).isFalse();
    }

    private static void awaitHealthyPair(FxRobot robot, ColoPeer primary) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            primary.checkpoint();
            assertThat(LabelText.of(robot, "#primary-state")).isEqualTo("HEALTHY");
            assertThat(LabelText.of(robot, "#secondary-state")).isEqualTo("HEALTHY");
            assertThat(LabelText.of(robot, "#banner-verdict")).isEqualTo("PROTECTED");
            assertThat(LabelText.of(robot, "#secondary-colo")).isEqualTo("mode secondary");
        });
    }

    /** The runbook ran to its end, every step done (none skipped over a refusal), and the card shows why. */
    private static void awaitSecondaryTookOver(FxRobot robot, int steps) {
        @SuppressWarnings("unchecked")
        ListView<RunbookStep> runbook = robot.lookup("#runbook-steps").queryAs(ListView.class);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(List.copyOf(runbook.getItems())).hasSize(steps).allSatisfy(step ->
                    assertThat(step.statusProperty().get()).isEqualTo(FailoverPort.StepStatus.DONE));
            assertThat(LabelText.of(robot, "#failover-message")).contains("Secondary carries on alone");
            assertThat(LabelText.of(robot, "#secondary-run-state")).isEqualTo("running");
            assertThat(LabelText.of(robot, "#secondary-colo")).isEqualTo("mode none");
            assertThat(LabelText.of(robot, "#secondary-colo-detail")).isEqualTo("last mode secondary · reason request");
        });
    }

    private static List<String> runbook(ColoPeer peer) {
        return peer.commands().stream().filter(RUNBOOK::contains).toList();
    }

    private static List<Long> runbookOrder(ColoPeer peer) {
        return peer.received().stream().filter(r -> RUNBOOK.contains(r.command())).map(ColoPeer.Received::order)
                .toList();
    }
}
