package org.coloconsole.ui.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.VirtualFlow;
import javafx.stage.Stage;
import org.coloconsole.engine.LogEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The log table when it is full and rows keep coming: the tail stays in view, the selection stays on its row. */
@ExtendWith(ApplicationExtension.class)
class LogViewFloodTest {
    private static final int CAPACITY = 60;

    private final LogViewModel model = new LogViewModel(CAPACITY);
    private LogView view;
    private long next = 1;

    @Start
    void start(Stage stage) {
        view = new LogView(model, ZoneOffset.UTC, message -> { });
        stage.setScene(new Scene(view, 900, 400));
        stage.show();
    }

    private void appendBatches(FxRobot robot, int batches, int rowsEach) {
        for (int b = 0; b < batches; b++) {
            List<LogEntry> batch = new ArrayList<>();
            for (int i = 0; i < rowsEach; i++, next++) {
                batch.add(next % 7 == 0 ? Rows.coloExit(next, "secondary", "error") : Rows.resume(next, "primary"));
            }
            robot.interact(() -> model.append(batch));
            WaitForAsyncUtils.waitForFxEvents();
        }
    }

    @SuppressWarnings("unchecked")
    private LogEntry lastVisibleRow(FxRobot robot) {
        VirtualFlow<IndexedCell<LogEntry>> flow = robot.lookup("#log-table .virtual-flow").queryAs(VirtualFlow.class);
        return flow.getLastVisibleCell().getItem();
    }

    @Test
    void whileFollowingAFullLogTheNewestRowStaysInView(FxRobot robot) {
        appendBatches(robot, 3, 25); // 75 rows: full, 15 dropped
        assertThat(lastVisibleRow(robot).sequence()).isEqualTo(75);

        TableView<LogEntry> table = robot.lookup("#log-table").queryAs(TableView.class);
        assertThat(table.getFixedCellSize()).isPositive().as("rows fixed at the height they were laid out at")
                .isEqualTo(robot.lookup("#log-table .table-row-cell").queryAs(TableRow.class).getHeight());

        appendBatches(robot, 4, 7); // the count no longer changes: no scrollTo, the view must still be at the bottom
        assertThat(model.visibleRows()).hasSize(CAPACITY);
        assertThat(lastVisibleRow(robot).sequence()).isEqualTo(103);
        assertThat(model.visibleRows().get(0).sequence()).isEqualTo(44);
    }

    @Test
    void aSelectedRowStaysSelectedAsRowsArriveAndTheRawPaneKeepsItAfterTheBoundDropsIt(FxRobot robot) {
        appendBatches(robot, 2, 30); // exactly full
        TableView<LogEntry> table = robot.lookup("#log-table").queryAs(TableView.class);
        robot.interact(() -> table.getSelectionModel().select(21)); // sequence 22: index 21
        String details = model.detailsProperty().get();
        assertThat(details).contains("RESUME");

        appendBatches(robot, 1, 10);
        assertThat(table.getSelectionModel().getSelectedItem().sequence()).isEqualTo(22);
        assertThat(table.getSelectionModel().getSelectedIndex()).isEqualTo(11);

        appendBatches(robot, 2, 10); // row 22 drops off the top
        assertThat(model.rows()).extracting(LogEntry::sequence).doesNotContain(22L);
        assertThat(model.selectedProperty().get().sequence()).isEqualTo(22);
        assertThat(model.detailsProperty().get()).isEqualTo(details);
        assertThat(table.getSelectionModel().getSelectedItems()).isEmpty(); // not moved onto a row nobody picked

        robot.interact(() -> table.getSelectionModel().select(CAPACITY - 1));
        assertThat(model.selectedProperty().get().sequence()).isEqualTo(90);
    }

    @Test
    void aFilteredFullLogStillFollowsAndExportsTheRowsShown(FxRobot robot) throws Exception {
        robot.interact(() -> model.eventFilterProperty().set("COLO_EXIT"));
        appendBatches(robot, 5, 30); // 150 rows, the newest 60 kept: 91..150, of which multiples of 7 are COLO_EXIT
        assertThat(model.visibleRows()).extracting(LogEntry::sequence)
                .containsExactly(91L, 98L, 105L, 112L, 119L, 126L, 133L, 140L, 147L);
        assertThat(lastVisibleRow(robot).sequence()).isEqualTo(147);

        java.io.StringWriter out = new java.io.StringWriter();
        assertThat(model.export(out, LogExporter.Format.CSV)).isEqualTo(9);
        assertThat(out.toString().lines()).hasSize(10);
    }
}
