package org.coloconsole.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javafx.stage.Stage;
import org.coloconsole.app.GuiLauncher.PairEndpoints;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * A failover is never cut off by the window: the primary answers the runbook's fencing {@code stop} only after two
 * seconds, and the operator leaves while it waits. The runbook's step still completes, its outcome is journaled, and
 * leaving happens after it.
 */
@ExtendWith(ApplicationExtension.class)
class RunbookNotCutOffTest {
    /**
     * Long enough to click Disconnect while it runs. The scripted peer, like QEMU, answers no ping while it works on
     * {@code stop}, so its heartbeat turns unresponsive meanwhile; the claim's re-check asks the primary itself again,
     * which answers once the stop is done (it used to take the lagging heartbeat's word and refuse, now and then).
     */
    private static final Duration SLOW_STOP = Duration.ofMillis(1500);
    private static final AtomicInteger RUNS = new AtomicInteger();

    @TempDir
    static Path dir;

    private final AtomicLong order = new AtomicLong();
    private ColoPeer primary;
    private ColoPeer secondary;
    private ConsoleWindow window;
    private Path journal;

    @Start
    void start(Stage stage) throws IOException {
        primary = ColoPeer.primary(order);
        secondary = ColoPeer.secondary(order);
        secondary.takesOverOnLostHeartbeat();
        primary.slow("stop", SLOW_STOP).on("stop", (peer, connection) -> {
            peer.answer("query-status", ColoPeer.PAUSED);
            peer.event("STOP", null);
        });
        Path run = dir.resolve("run-" + RUNS.incrementAndGet());
        journal = run.resolve("journal");
        window = JournaledWindows.show(stage, new PairEndpoints(primary.endpoint(), secondary.endpoint()), journal,
                run.resolve("profiles.json"));
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
    void closingTheWindowDuringTheRunbookStopsItBeforeItPromotesAndJournalsTheOutcome(FxRobot robot) throws IOException {
        startPromotingAndAwaitTheSlowStop(robot);

        robot.interact(() -> window.shutdown()); // what the window's closing does

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(journalLines())
                .anySatisfy(line -> assertThat(line).contains("\"what\":\"action-outcome\"")
                        .contains("\"result\":\"ABANDONED\"").contains("no side was promoted")));
        // the slow stop was answered and recorded as done, not interrupted; nothing promoted the secondary
        assertThat(journalLines()).anySatisfy(line -> assertThat(line).contains("\"what\":\"action-step\"")
                .contains("\"command\":\"stop\"").contains("\"status\":\"DONE\""));
        assertThat(secondary.commands()).doesNotContain("x-colo-lost-heartbeat");
    }

    @Test
    void disconnectingDuringTheRunbookAsksAndWaitsForItsOutcome(FxRobot robot) throws IOException {
        startPromotingAndAwaitTheSlowStop(robot);

        robot.clickOn("#toolbar-disconnect");
        await().atMost(Duration.ofSeconds(5)).until(() ->
                robot.lookup("#failover-running-dialog").tryQuery().isPresent());
        robot.clickOn("#failover-running-wait");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(journalLines()).anySatisfy(line -> assertThat(line).contains("\"what\":\"action-outcome\"")
                    .contains("\"result\":\"VERIFIED\""));
            assertThat(robot.lookup(".start-view").tryQuery()).as("disconnected after the outcome").isPresent();
        });
        assertThat(secondary.commands()).contains("x-colo-lost-heartbeat");
    }

    private void startPromotingAndAwaitTheSlowStop(FxRobot robot) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            primary.checkpoint();
            assertThat(LabelText.of(robot, "#banner-verdict")).isEqualTo("PROTECTED");
        });
        robot.clickOn("#promote-secondary");
        robot.clickOn("#confirm-agree").clickOn("#confirm-failover-button");
        await().atMost(Duration.ofSeconds(10)).until(() -> primary.commands().contains("stop"));
    }

    private List<String> journalLines() throws IOException {
        Path file = journal.resolve("journal.jsonl");
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }
}
