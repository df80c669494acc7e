package org.coloconsole.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.coloconsole.app.GuiLauncher.PairEndpoints;
import org.coloconsole.engine.LogEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Issue 18: the log keeps, for each side, the order in which its QEMU sent the events. The two QEMU clocks disagree
 * (the secondary's runs an hour behind) and the primary's steps back mid-burst (an NTP step), and the events come
 * in bursts that cross to the window in batches: neither the other side's timestamps, nor a side's own, nor the
 * batching may reorder a side's rows. The whole console runs (supervisor, links, binding, window) against two
 * scripted peers on real UNIX sockets: no QEMU emits events with chosen timestamps.
 */
@ExtendWith(ApplicationExtension.class)
class LogKeepsQemuOrderTest {
    private static final int EVENTS = 40;
    private static final long PRIMARY_CLOCK = 1_764_100_000L;
    private static final long SECONDARY_CLOCK = PRIMARY_CLOCK - 3600;

    @TempDir
    static Path dir;

    private ColoPeer primary;
    private ColoPeer secondary;
    private ConsoleWindow window;

    @Start
    void start(Stage stage) throws IOException {
        AtomicLong order = new AtomicLong();
        primary = ColoPeer.primary(order);
        secondary = ColoPeer.secondary(order);
        PairEndpoints pair = new PairEndpoints(primary.endpoint(), secondary.endpoint());
        window = JournaledWindows.show(stage, pair, dir.resolve("journal"), dir.resolve("profiles.json"));
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
    @SuppressWarnings("unchecked")
    void eachSidesRowsStayInTheOrderItsQemuSentThemWhateverTheClocksSay(FxRobot robot) {
        // the pair opens off the FX thread: its table and cards appear once its session is up
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(LabelText.of(robot, "#secondary-colo")).isEqualTo("mode secondary"));
        TableView<LogEntry> table = robot.lookup("#log-table").queryAs(TableView.class);
        for (int i = 1; i <= EVENTS; i++) {
            // the primary's clock steps back by a minute halfway through; the secondary's runs an hour behind
            long primarySeconds = PRIMARY_CLOCK + i - (i > EVENTS / 2 ? 60 : 0);
            primary.eventAt("BALLOON_CHANGE", "{\"actual\": " + i + "}", primarySeconds, 0);
            secondary.eventAt("BALLOON_CHANGE", "{\"actual\": " + i + "}", SECONDARY_CLOCK + i, 0);
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> balloons(table, "primary").size() == EVENTS
                && balloons(table, "secondary").size() == EVENTS);

        List<Integer> sent = java.util.stream.IntStream.rangeClosed(1, EVENTS).boxed().toList();
        assertThat(balloons(table, "primary")).as("the primary's rows, as its QEMU sent them").isEqualTo(sent);
        assertThat(balloons(table, "secondary")).as("the secondary's rows, as its QEMU sent them").isEqualTo(sent);
        // and the merged log was not sorted by QEMU's time: the primary's stepped-back rows follow its earlier ones
        List<LogEntry> primaryRows = rows(table, "primary");
        assertThat(primaryRows.get(EVENTS / 2).qemuTime().orElseThrow())
                .isBefore(primaryRows.get(EVENTS / 2 - 1).qemuTime().orElseThrow());
    }

    private static List<LogEntry> rows(TableView<LogEntry> table, String side) {
        return List.copyOf(table.getItems()).stream()
                .filter(row -> row.name().equals("BALLOON_CHANGE") && row.side().orElse("").equals(side)).toList();
    }

    private static List<Integer> balloons(TableView<LogEntry> table, String side) {
        return rows(table, side).stream()
                .map(row -> Integer.parseInt(row.summary().replaceAll("\\D+", " ").strip()))
                .toList();
    }
}
