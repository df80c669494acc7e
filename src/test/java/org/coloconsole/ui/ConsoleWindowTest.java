package org.coloconsole.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.coloconsole.engine.LogEntry;
import org.coloconsole.ui.dashboard.ScriptedFailoverPort;
import org.coloconsole.ui.dashboard.Snapshots;
import org.coloconsole.ui.log.LogExporter;
import org.coloconsole.ui.log.LogView;
import org.coloconsole.ui.log.Rows;
import org.coloconsole.ui.log.SideFilter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The window, headless (Monocle), fed by a scripted session from another thread as the engine would. */
@ExtendWith(ApplicationExtension.class)
class ConsoleWindowTest {
    @TempDir
    static Path dir;

    private final ScriptedFailoverPort port = new ScriptedFailoverPort();
    private FakeSession session;
    private ConsoleWindow window;

    @Start
    void start(Stage stage) {
        session = new FakeSession(Snapshots.protectedPair(), port);
        window = session.showOnLabSockets(stage, dir);
    }

    @Test
    void theWindowShowsBothCardsTheBannerAndTheStatusBar(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#primary-card").tryQuery()).isPresent();
        assertThat(robot.lookup("#secondary-card").tryQuery()).isPresent();
        assertThat(robot.lookup("#primary-state").queryAs(Label.class).getText()).isEqualTo("HEALTHY");
        assertThat(robot.lookup("#banner-verdict").queryAs(Label.class).getText()).isEqualTo("PROTECTED");
        assertThat(robot.lookup("#status-primary").queryAs(Label.class).getText())
                .isEqualTo("Primary: connected, healthy (0.42 ms)");
        assertThat(robot.lookup("#status-journal").queryAs(Label.class).getText())
                .isEqualTo("Journal: colo-console.jsonl");
        assertThat(window.getScene().getWindow()).isInstanceOfSatisfying(Stage.class,
                s -> assertThat(s.getTitle()).isEqualTo("lab — COLO Console"));
    }

    @Test
    void aNewStateFromTheEnginesThreadUpdatesTheRightCard(FxRobot robot) {
        session.push(Snapshots.primaryKilled());

        await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> {
            assertThat(robot.lookup("#primary-state").queryAs(Label.class).getText()).isEqualTo("LOST");
            assertThat(robot.lookup("#secondary-state").queryAs(Label.class).getText()).isEqualTo("EXITED");
            assertThat(robot.lookup("#secondary-last-exit").queryAs(Label.class).getText())
                    .startsWith("COLO_EXIT secondary/error");
        });
        assertThat(robot.lookup("#continue-primary").queryAs(Button.class).isDisabled()).isTrue();
        assertThat(robot.lookup("#promote-secondary").queryAs(Button.class).getStyleClass()).contains("accent");
    }

    @Test
    void filtersNarrowTheLogAndExportWritesTheRowsShown(FxRobot robot) throws Exception {
        session.log(Rows.resume(1, "primary"), Rows.resume(2, "secondary"), Rows.coloExit(3, "secondary", "error"),
                Rows.gap(4, "primary"));
        @SuppressWarnings("unchecked")
        TableView<LogEntry> table = robot.lookup("#log-table").queryAs(TableView.class);
        await().atMost(Duration.ofSeconds(2)).until(() -> table.getItems().size() == 4);

        @SuppressWarnings("unchecked")
        ComboBox<SideFilter> side = robot.lookup("#log-side-filter").queryAs(ComboBox.class);
        robot.clickOn(side);
        robot.clickOn(robot.lookup(".combo-box-popup .list-cell").match(
                (javafx.scene.control.ListCell<?> cell) -> "Secondary".equals(cell.getText())).<javafx.scene.Node>query());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(table.getItems()).extracting(LogEntry::sequence).containsExactly(2L, 3L);

        robot.clickOn("#log-text-filter").write("error");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(table.getItems()).extracting(LogEntry::sequence).containsExactly(3L);

        Path out = dir.resolve("shown.jsonl");
        LogView view = robot.lookup(".log-view").queryAs(LogView.class);
        robot.interact(() -> view.exportTo(out, LogExporter.Format.JSON_LINES));
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).contains("\"sequence\":3").contains("\"event\":\"COLO_EXIT\"");
        assertThat(window.statusBar().getText()).isEqualTo("Exported 1 rows to " + out + ".");
    }

    @Test
    void confirmingAFailoverRunsItOnTheChosenSideAndCancelSendsNothing(FxRobot robot) {
        session.push(Snapshots.primaryKilled());
        await().atMost(Duration.ofSeconds(2)).until(() ->
                !robot.lookup("#promote-secondary").queryAs(Button.class).isDisabled());

        robot.clickOn("#promote-secondary");
        robot.clickOn("#cancel-failover-button");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(port.runs).isEmpty();

        robot.clickOn("#promote-secondary");
        // no single key confirms: Cancel has the focus as the dialog opens, so Enter or Space presses Cancel
        robot.type(javafx.scene.input.KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#confirm-agree").tryQuery()).as("cancelled by Enter").isEmpty();
        robot.clickOn("#promote-secondary");
        robot.type(javafx.scene.input.KeyCode.SPACE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#confirm-agree").tryQuery()).as("cancelled by Space").isEmpty();
        assertThat(port.runs).isEmpty();

        robot.clickOn("#promote-secondary");
        assertThat(robot.lookup("#confirm-failover-button").queryButton().isDisabled()).isTrue();
        robot.clickOn("#confirm-agree").clickOn("#confirm-failover-button");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(port.runs).containsExactly("secondary");
        assertThat(robot.lookup("#promote-secondary").queryAs(Button.class).isDisabled()).isTrue();
    }
}
