package org.coloconsole.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.coloconsole.engine.LogEntry;
import org.coloconsole.ui.dashboard.ScriptedFailoverPort;
import org.coloconsole.ui.dashboard.Snapshots;
import org.coloconsole.ui.log.LogExporter;
import org.coloconsole.ui.log.LogTimes;
import org.coloconsole.ui.log.LogView;
import org.coloconsole.ui.log.Rows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * View ▸ Times in UTC / in local time: the log's time columns and its export follow the choice, and the window's
 * state remembers it across a restart. The desktop here is in Kolkata (UTC+05:30), so the two clocks never agree.
 */
@ExtendWith(ApplicationExtension.class)
class LogTimesSettingTest {
    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
    @TempDir
    static Path dir;

    private FakeSession session;
    private ConsoleWindow window;
    private Stage stage;
    private Path file;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        file = dir.resolve("config/colo-console/window.properties");
        Files.deleteIfExists(file);
        session = new FakeSession(Snapshots.protectedPair(), new ScriptedFailoverPort());
        window = session.showOnLabSockets(stage, dir, KOLKATA, WindowMemory.load(file, Map.of("GTK_THEME", "x")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theMenuSwitchesTheTimeColumnsAndTheExportAndTheChoiceSurvivesARestart(FxRobot robot) throws Exception {
        // Rows.T0 + 1 ms is 21:00:00.001 UTC, 02:30:00.001 the next day in Kolkata
        session.log(Rows.resume(1, "primary"));
        TableView<LogEntry> table = robot.lookup("#log-table").queryAs(TableView.class);
        await().atMost(Duration.ofSeconds(5)).until(() -> table.getItems().size() == 1);
        assertThat(receivedCell(table)).as("local time at first").isEqualTo("2026-11-26 02:30:00.001");
        assertThat(table.getColumns().get(1).getText()).startsWith("Received (").doesNotContain("UTC");
        RadioMenuItem local = item(robot, "menu-times-local");
        RadioMenuItem utc = item(robot, "menu-times-utc");
        assertThat(local.isSelected()).isTrue();

        robot.interact(utc::fire);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(receivedCell(table)).isEqualTo("2026-11-25 21:00:00.001");
        assertThat(table.getColumns().get(1).getText()).isEqualTo("Received (UTC)");
        assertThat(utc.isSelected()).isTrue();
        StringWriter csv = new StringWriter();
        robot.interact(() -> logView(robot).model().export(csv, LogExporter.Format.CSV));
        assertThat(csv.toString().lines().toList().get(1)).contains(",2026-11-25T21:00:00.001Z,");

        robot.interact(local::fire);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(receivedCell(table)).isEqualTo("2026-11-26 02:30:00.001");
        StringWriter localCsv = new StringWriter();
        robot.interact(() -> logView(robot).model().export(localCsv, LogExporter.Format.CSV));
        assertThat(localCsv.toString().lines().toList().get(1)).contains(",2026-11-26T02:30:00.001+05:30,");

        // the window closes in UTC; the next start reads UTC back and starts with it
        robot.interact(utc::fire);
        WindowState[] now = new WindowState[1];
        robot.interact(() -> now[0] = ConsoleApp.stateOf(stage, window, new Theme(false)));
        assertThat(now[0].logTimes()).isEqualTo(LogTimes.UTC);
        assertThat(WindowMemory.load(file, Map.of()).save(now[0])).isEmpty();
        WindowMemory again = WindowMemory.load(file, Map.of());
        assertThat(again.loaded().logTimes()).isEqualTo(LogTimes.UTC);
        FakeSession next = new FakeSession(Snapshots.protectedPair(), new ScriptedFailoverPort());
        robot.interact(() -> window = next.showOnLabSockets(stage, dir, KOLKATA, again));
        next.log(Rows.resume(1, "primary"));
        TableView<LogEntry> reopened = robot.lookup("#log-table").queryAs(TableView.class);
        await().atMost(Duration.ofSeconds(5)).until(() -> reopened.getItems().size() == 1);
        assertThat(receivedCell(reopened)).isEqualTo("2026-11-25 21:00:00.001");
        assertThat(item(robot, "menu-times-utc").isSelected()).isTrue();
    }

    private static String receivedCell(TableView<LogEntry> table) {
        return (String) table.getColumns().get(1).getCellData(0);
    }

    private static LogView logView(FxRobot robot) {
        return robot.lookup(".log-view").queryAs(LogView.class);
    }

    private static RadioMenuItem item(FxRobot robot, String id) {
        MenuBar bar = robot.lookup("#menu-bar").queryAs(MenuBar.class);
        Menu view = bar.getMenus().get(1);
        return (RadioMenuItem) view.getItems().stream().filter(i -> id.equals(i.getId())).findFirst().orElseThrow();
    }
}
