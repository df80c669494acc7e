package org.coloconsole.ui.jobs;

import atlantafx.base.theme.Styles;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.coloconsole.colo.JobAction;

/**
 * The jobs pane: the COLO protection row and both sides' QEMU jobs in one table, with a progress bar and the actions
 * QEMU accepts in each job's status. Binds to {@link JobsViewModel} and forwards clicks; decides nothing.
 */
public final class JobsView extends BorderPane {
    private static final PseudoClass PROTECTION = PseudoClass.getPseudoClass("protection");
    private static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");

    private final JobsViewModel model;
    private final TableView<JobRow> table = new TableView<>();

    public JobsView(JobsViewModel model) {
        this.model = model;
        getStyleClass().add("jobs-view");
        setTop(header());
        setCenter(buildTable());
    }

    private VBox header() {
        Label title = new Label("Background jobs");
        title.getStyleClass().add("section-title");
        Label summary = new Label();
        summary.setId("jobs-summary");
        summary.getStyleClass().add("jobs-summary");
        summary.textProperty().bind(model.summaryProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label hint = new Label("Actions are offered only in the statuses where QEMU accepts them; each is journaled.");
        hint.getStyleClass().add("jobs-hint");
        HBox bar = new HBox(10, title, summary, spacer, hint);
        bar.setAlignment(Pos.CENTER_LEFT);

        Label message = new Label();
        message.setId("jobs-message");
        message.getStyleClass().add("jobs-message");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        message.managedProperty().bind(message.textProperty().isNotEmpty());
        message.visibleProperty().bind(message.managedProperty());
        model.messageToneProperty().addListener((obs, old, now) -> now.applyTo(message));
        model.messageToneProperty().get().applyTo(message);

        VBox header = new VBox(4, bar, message);
        header.setPadding(new Insets(6, 8, 6, 8));
        return header;
    }

    private TableView<JobRow> buildTable() {
        table.setId("jobs-table");
        table.getStyleClass().add(Styles.DENSE);
        table.setItems(model.rows());
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No state read yet."));
        table.getColumns().add(text("Side", 90, JobRow::side));
        table.getColumns().add(text("Job", 100, JobRow::id));
        table.getColumns().add(text("Type", 70, JobRow::type));
        table.getColumns().add(statusColumn());
        table.getColumns().add(progressColumn());
        table.getColumns().add(actionsColumn());
        table.getColumns().add(detailColumn());
        table.setRowFactory(view -> new JobTableRow());
        return table;
    }

    private static TableColumn<JobRow, String> text(String title, double width, Function<JobRow, String> value) {
        TableColumn<JobRow, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        column.setPrefWidth(width);
        column.setMinWidth(width); // "primary" and "mirror" must never read "pri…"
        column.setSortable(false); // the order is the model's: protection first, then primary, then secondary
        column.setReorderable(false);
        return column;
    }

    private static TableColumn<JobRow, JobRow> rowColumn(String title, double width) {
        TableColumn<JobRow, JobRow> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        column.setPrefWidth(width);
        column.setMinWidth(Math.min(width, 130));
        column.setSortable(false);
        column.setReorderable(false);
        return column;
    }

    private static TableColumn<JobRow, JobRow> statusColumn() {
        TableColumn<JobRow, JobRow> column = rowColumn("Status", 120);
        column.setMinWidth(120); // "concluded" and "standby" whole
        column.setCellFactory(c -> new TableCell<>() {
            private final Label badge = new Label();

            {
                badge.getStyleClass().add("job-status");
            }

            @Override
            protected void updateItem(JobRow row, boolean empty) {
                super.updateItem(row, empty);
                if (empty || row == null) {
                    setGraphic(null);
                    return;
                }
                badge.setText(row.status());
                badge.setId("job-" + row.side() + "-" + row.id() + "-status");
                row.tone().applyTo(badge);
                setGraphic(badge);
            }
        });
        return column;
    }

    private static TableColumn<JobRow, JobRow> progressColumn() {
        TableColumn<JobRow, JobRow> column = rowColumn("Progress", 420);
        column.setMinWidth(420); // the bar and "15.8 / 64.0 MiB (25%) · 8.2 MiB/s · about 6 s left" beside it
        column.setCellFactory(c -> new TableCell<>() {
            private final ProgressBar bar = new ProgressBar(0);
            private final Label text = new Label();
            private final HBox box = new HBox(8, bar, text);

            {
                bar.setPrefWidth(90);
                bar.setMinWidth(60);
                text.getStyleClass().add("job-progress-text");
                box.setAlignment(Pos.CENTER_LEFT);
            }

            @Override
            protected void updateItem(JobRow row, boolean empty) {
                super.updateItem(row, empty);
                if (empty || row == null) {
                    setGraphic(null);
                    return;
                }
                // the protection has no bar: its lifecycle sentence is its progress, and gets the room
                bar.setVisible(!row.protection());
                bar.setManaged(!row.protection());
                text.setId(row.protection() ? "job-pair-colo-sentence" : null);
                text.setText(row.protection() ? row.detail() : row.progressText());
                text.setTooltip(row.protection() ? new Tooltip(row.detail()) : null);
                // no estimate yet: an empty bar, not an indeterminate one that looks busy
                bar.setProgress(row.fraction().orElse(0.0));
                bar.setId("job-" + row.side() + "-" + row.id() + "-progress");
                setGraphic(box);
            }
        });
        return column;
    }

    private TableColumn<JobRow, JobRow> actionsColumn() {
        TableColumn<JobRow, JobRow> column = rowColumn("Actions", 400);
        column.setMinWidth(400); // every button whole: a cut-off button is a guess
        column.setCellFactory(c -> new ActionsCell());
        return column;
    }

    private static TableColumn<JobRow, JobRow> detailColumn() {
        TableColumn<JobRow, JobRow> column = rowColumn("Detail", 300);
        column.setCellFactory(c -> new TableCell<>() {
            private final Tooltip tip = new Tooltip();

            @Override
            protected void updateItem(JobRow row, boolean empty) {
                super.updateItem(row, empty);
                if (empty || row == null) {
                    setText(null);
                    setId(null);
                    setTooltip(null);
                    return;
                }
                setId("job-" + row.side() + "-" + row.id() + "-detail");
                if (row.protection()) {
                    setText(null); // shown in the progress column, where it has room
                    setTooltip(null);
                    return;
                }
                setText(row.detail());
                tip.setText(row.detail());
                setTooltip(row.detail().isEmpty() ? null : tip);
            }
        });
        return column;
    }

    /** One button per action, in QEMU's order; enabled as the row says, none for the protection row. */
    private final class ActionsCell extends TableCell<JobRow, JobRow> {
        private final Map<JobAction, Button> buttons = new EnumMap<>(JobAction.class);
        private final HBox box = new HBox(4);

        ActionsCell() {
            for (JobAction action : JobAction.values()) {
                String verb = action.verb();
                Button button = new Button(Character.toUpperCase(verb.charAt(0)) + verb.substring(1));
                button.getStyleClass().addAll(Styles.SMALL, "job-action");
                button.setMinWidth(Region.USE_PREF_SIZE);
                button.setOnAction(e -> {
                    JobRow row = getItem();
                    if (row != null) {
                        model.act(row, action);
                    }
                });
                buttons.put(action, button);
                box.getChildren().add(button);
            }
            box.setAlignment(Pos.CENTER_LEFT);
        }

        @Override
        protected void updateItem(JobRow row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null || row.protection()) {
                setGraphic(null);
                return;
            }
            buttons.forEach((action, button) -> {
                button.setDisable(!row.enabled().contains(action));
                button.setId("job-" + row.side() + "-" + row.id() + "-" + action.verb());
                button.setAccessibleText(action.verb() + " job " + row.id() + " on the " + row.side());
            });
            setGraphic(box);
        }
    }

    private static final class JobTableRow extends TableRow<JobRow> {
        @Override
        protected void updateItem(JobRow row, boolean empty) {
            super.updateItem(row, empty);
            pseudoClassStateChanged(PROTECTION, !empty && row != null && row.protection());
            pseudoClassStateChanged(FAILED, !empty && row != null && row.failed());
        }
    }

    TableView<JobRow> table() {
        return table;
    }
}
