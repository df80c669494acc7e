package org.coloconsole.ui.log;

import atlantafx.base.theme.Styles;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.DataFormat;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.FileChooser;
import org.coloconsole.engine.LogEntry;
import org.coloconsole.ui.fx.FxThread;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The live event log: a virtualized table of both sides' rows (newest at the bottom, following the tail until the
 * operator scrolls up), the filters above it, the raw JSON of the selected row beside it, and export.
 */
public final class LogView extends BorderPane {
    private static final PseudoClass WARNING = PseudoClass.getPseudoClass("warning");
    private static final PseudoClass CRITICAL = PseudoClass.getPseudoClass("critical");

    private final LogViewModel model;
    private LogFormat format;
    private final TableColumn<LogEntry, String> qemuTime = fixed(column("", 125, row -> format.qemuTime(row)));
    private final TableColumn<LogEntry, String> receivedTime = fixed(column("", 215, row -> format.receivedTime(row)));
    private final Consumer<String> notify;
    private final TableView<LogEntry> table = new TableView<>();
    /** The clipboard's type for the rows as JSON Lines, beside the plain text (a paste into a text field). */
    static final DataFormat JSON = lookupJson();
    private TextField search;
    private final Label counter = new Label();
    private int rowsWhenScrolled = -1;
    private boolean scrollQueued;
    private boolean clearingDroppedSelection;
    private boolean fixingRowHeight;

    /**
     * @param zone   the times' zone to start with (the model's from then on: the window may switch it)
     * @param notify where export results and failures go, in a sentence (the shell shows them in the status bar)
     */
    public LogView(LogViewModel model, ZoneId zone, Consumer<String> notify) {
        this.model = model;
        this.notify = notify;
        if (!model.zoneProperty().isBound()) {
            model.zoneProperty().set(zone);
        }
        showTimesIn(model.zoneProperty().get());
        model.zoneProperty().addListener((obs, old, now) -> {
            showTimesIn(now);
            table.refresh();
        });
        getStyleClass().add("log-view");
        setTop(filterBar());
        SplitPane split = new SplitPane(buildTable(), detailsPane());
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.68);
        setCenter(split);
        followTheTail();
    }

    private HBox filterBar() {
        ComboBox<SideFilter> side = new ComboBox<>();
        side.getItems().setAll(SideFilter.values());
        side.valueProperty().bindBidirectional(model.sideFilterProperty());
        side.setId("log-side-filter");
        side.setAccessibleText("Filter by side");

        ComboBox<String> event = new ComboBox<>(model.eventNames());
        event.valueProperty().bindBidirectional(model.eventFilterProperty());
        event.setId("log-event-filter");
        event.setAccessibleText("Filter by event name");
        event.setPrefWidth(190);

        TextField text = new TextField();
        text.setPromptText("Search summary and raw JSON");
        text.textProperty().bindBidirectional(model.textFilterProperty());
        text.setId("log-text-filter");
        text.setAccessibleText("Search the event log");
        search = text;
        HBox.setHgrow(text, Priority.ALWAYS);

        ToggleButton follow = new ToggleButton("Follow", new FontIcon(Material2AL.ARROW_DOWNWARD));
        follow.selectedProperty().bindBidirectional(model.followTailProperty());
        follow.setId("log-follow");
        follow.setMnemonicParsing(false);

        MenuItem jsonLines = new MenuItem("Export shown rows as JSON Lines…");
        jsonLines.setOnAction(e -> export(LogExporter.Format.JSON_LINES));
        MenuItem csv = new MenuItem("Export shown rows as CSV…");
        csv.setOnAction(e -> export(LogExporter.Format.CSV));
        MenuButton export = new MenuButton("Export", new FontIcon(Material2MZ.SAVE_ALT), jsonLines, csv);
        export.setId("log-export");

        Button clear = new Button("Clear filters");
        clear.setOnAction(e -> {
            model.sideFilterProperty().set(SideFilter.ALL);
            model.eventFilterProperty().set(LogViewModel.ALL_EVENTS);
            model.textFilterProperty().set("");
        });

        counter.getStyleClass().add("log-counter");
        model.visibleRows().addListener((ListChangeListener<LogEntry>) c -> updateCounter());
        updateCounter();

        Label title = new Label("Event log");
        title.getStyleClass().add("section-title");
        HBox bar = new HBox(8, title, side, event, text, clear, follow, export, counter);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 8, 6, 8));
        bar.getStyleClass().add("log-filter-bar");
        return bar;
    }

    private void updateCounter() {
        counter.setText(model.visibleRows().size() + " of " + model.rows().size() + " rows");
    }

    private TableView<LogEntry> buildTable() {
        table.setId("log-table");
        table.getStyleClass().addAll(Styles.DENSE, Styles.STRIPED);
        table.setItems(model.visibleRows());
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No events yet."));
        // the times and names keep their width (a time cut to "14:01:…" says nothing); the summary takes what is left
        qemuTime.setId("log-qemu-time");
        receivedTime.setId("log-received-time");
        table.getColumns().add(qemuTime);
        table.getColumns().add(receivedTime);
        table.getColumns().add(fixed(column("Side", 105, LogFormat::side)));
        table.getColumns().add(fixed(column("Event", 150, LogEntry::name)));
        TableColumn<LogEntry, String> summary = column("Summary", 320, LogEntry::summary);
        // a summary wider than its column is cut with an ellipsis: the whole of it is a hover away
        summary.setCellFactory(c -> new SummaryCell());
        table.getColumns().add(summary);
        table.setRowFactory(view -> new SeverityRow());
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setAccessibleText("Event log rows; Ctrl+C copies the selected rows");
        MenuItem copyText = new MenuItem("Copy as text");
        copyText.setOnAction(e -> copySelected(false));
        MenuItem copyJson = new MenuItem("Copy as JSON");
        copyJson.setOnAction(e -> copySelected(true));
        table.setContextMenu(new ContextMenu(copyText, copyJson));
        table.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (COPY.match(e)) {
                copySelected(false);
                e.consume();
            } else if (COPY_JSON.match(e)) {
                copySelected(true);
                e.consume();
            }
        });
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (clearingDroppedSelection) {
                return;
            }
            if (old != null && !model.rows().contains(old)) {
                // the bound dropped the selected row and JavaFX moved the selection onto a neighbour the operator
                // did not pick: unselect it, and keep the dropped row in the raw pane (the operator was reading it;
                // the journal has it too) until another row is selected
                FxThread.afterCurrentEvent(this::clearDroppedSelection);
                return;
            }
            model.selectedProperty().set(now);
        });
        return table;
    }

    private void clearDroppedSelection() {
        clearingDroppedSelection = true;
        try {
            table.getSelectionModel().clearSelection();
        } finally {
            clearingDroppedSelection = false;
        }
    }

    /** The time columns read in {@code zone}, and their titles name it. */
    private void showTimesIn(ZoneId zone) {
        format = new LogFormat(zone);
        qemuTime.setText("QEMU (" + format.zoneName() + ")");
        receivedTime.setText("Received (" + format.zoneName() + ")");
    }

    private static TableColumn<LogEntry, String> column(String title, double width, Function<LogEntry, String> text) {
        TableColumn<LogEntry, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(text.apply(cell.getValue())));
        column.setPrefWidth(width);
        column.setSortable(false); // arrival order is the point of a log; sorting would break following the tail
        column.setReorderable(false);
        return column;
    }

    private static <T> TableColumn<LogEntry, T> fixed(TableColumn<LogEntry, T> column) {
        column.setMinWidth(column.getPrefWidth());
        return column;
    }

    /** A summary cell whose tooltip holds the whole summary. */
    private static final class SummaryCell extends TableCell<LogEntry, String> {
        private final Tooltip tip = new Tooltip();

        SummaryCell() {
            tip.setWrapText(true);
            tip.setMaxWidth(640);
        }

        @Override
        protected void updateItem(String text, boolean empty) {
            super.updateItem(text, empty);
            setText(empty ? null : text);
            tip.setText(empty || text == null ? "" : text);
            setTooltip(empty || text == null || text.isEmpty() ? null : tip);
        }
    }

    private Region detailsPane() {
        TextArea details = new TextArea();
        details.setId("log-details");
        details.setEditable(false);
        details.setWrapText(false);
        details.textProperty().bind(model.detailsProperty());
        details.getStyleClass().add("log-details");
        details.setPromptText("Select a row to see the event as QEMU sent it.");
        BorderPane pane = new BorderPane(details);
        Label title = new Label("Raw event");
        title.getStyleClass().add("section-title");
        title.setPadding(new Insets(4, 6, 4, 6));
        pane.setTop(title);
        pane.setMinWidth(200);
        return pane;
    }

    private void followTheTail() {
        model.visibleRows().addListener((ListChangeListener<LogEntry>) change -> {
            if (table.getFixedCellSize() <= 0 && !fixingRowHeight) {
                fixingRowHeight = true;
                FxThread.afterCurrentEvent(this::fixRowHeight);
            }
            // a full log changes without changing its row count, and a table at the bottom stays there: scrolling
            // (which walks every row in JavaFX 21) is only needed when the count moved
            if (model.followTailProperty().get() && table.getItems().size() != rowsWhenScrolled && !scrollQueued) {
                // after the table's own listener has seen the change: scrolling before it would scroll a table
                // that still counts the old rows, and the view would stop short of the bottom
                scrollQueued = true;
                FxThread.afterCurrentEvent(() -> {
                    scrollQueued = false;
                    // a full log's append removes and then adds: by now the count is back where it was
                    if (model.followTailProperty().get() && table.getItems().size() != rowsWhenScrolled) {
                        scrollToEnd();
                    }
                });
            }
        });
        model.followTailProperty().addListener((obs, old, now) -> {
            if (now) {
                scrollToEnd();
            }
        });
        // the operator reading back pauses the tail; reaching the bottom again resumes it
        table.addEventFilter(ScrollEvent.SCROLL, e -> {
            if (e.getDeltaY() > 0) {
                model.followTailProperty().set(false);
            } else if (e.getDeltaY() < 0 && lastRowVisible()) {
                model.followTailProperty().set(true);
            }
        });
        table.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            KeyCode code = e.getCode();
            if (code == KeyCode.UP || code == KeyCode.PAGE_UP || code == KeyCode.HOME) {
                model.followTailProperty().set(false);
            } else if (code == KeyCode.END) {
                model.followTailProperty().set(true);
            }
        });
    }

    /**
     * Fixes the rows' height at what the first laid-out row measured (the theme and font decide it): the table then
     * stops measuring its cells' text on every layout under a flood (JFR: a quarter fewer FX-thread samples).
     */
    private void fixRowHeight() {
        fixingRowHeight = false;
        if (table.getFixedCellSize() > 0) {
            return;
        }
        for (Node node : table.lookupAll(".table-row-cell")) {
            if (node instanceof TableRow<?> row && !row.isEmpty() && row.getHeight() > 0) {
                table.setFixedCellSize(row.getHeight());
                return;
            }
        }
        // not laid out yet (window not shown, or hidden): the next change tries again
    }

    private boolean lastRowVisible() {
        if (table.lookup(".virtual-flow") instanceof VirtualFlow<?> flow && flow.getLastVisibleCell() != null) {
            return flow.getLastVisibleCell().getIndex() >= table.getItems().size() - 2;
        }
        return true;
    }

    private void scrollToEnd() {
        int size = table.getItems().size();
        rowsWhenScrolled = size;
        if (size > 0) {
            table.scrollTo(size - 1);
        }
    }

    private void export(LogExporter.Format format) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the shown log rows");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(format.label(), format.glob()));
        chooser.setInitialFileName("colo-console-log" + format.glob().substring(1));
        File file = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (file != null) {
            exportTo(file.toPath(), format);
        }
    }

    /** Exports the shown rows to {@code file} and says how it went. */
    public void exportTo(Path file, LogExporter.Format format) {
        try {
            int rows = model.export(file, format);
            notify.accept("Exported " + rows + " rows to " + file + ".");
        } catch (IOException e) {
            notify.accept("Could not write " + file + ": " + e.getMessage() + ". Choose another folder and try again.");
        }
    }

    private static final KeyCombination COPY = new KeyCodeCombination(
            KeyCode.C, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination COPY_JSON = new KeyCodeCombination(
            KeyCode.C, KeyCombination.SHORTCUT_DOWN,
            KeyCombination.SHIFT_DOWN);

    private static DataFormat lookupJson() {
        DataFormat known = DataFormat.lookupMimeType("application/json");
        return known != null ? known : new DataFormat("application/json");
    }

    /**
     * Copies the selected rows: as text (Ctrl+C; a paste into a ticket) or as JSON Lines (Ctrl+Shift+C). Both forms
     * go on the clipboard each time, so an application that reads JSON takes it from either.
     */
    void copySelected(boolean jsonAsText) {
        List<LogEntry> rows = List.copyOf(table.getSelectionModel().getSelectedItems());
        if (rows.isEmpty()) {
            return;
        }
        String json = model.exporter().asJsonLines(rows);
        ClipboardContent content = new ClipboardContent();
        content.putString(jsonAsText ? json : LogExporter.asText(rows, format));
        content.put(JSON, json);
        Clipboard.getSystemClipboard().setContent(content);
        notify.accept("Copied " + rows.size() + (rows.size() == 1 ? " row" : " rows") + (jsonAsText ? " as JSON." : "."));
    }

    /** Ctrl+F: the search field, with its text selected so typing replaces it. */
    public void focusSearch() {
        search.requestFocus();
        search.selectAll();
    }

    public LogViewModel model() {
        return model;
    }

    /** Opens the save dialog for the shown rows (File ▸ Export log). */
    public void exportDialog(LogExporter.Format format) {
        export(format);
    }

    TableView<LogEntry> table() {
        return table;
    }

    private static final class SeverityRow extends TableRow<LogEntry> {
        @Override
        protected void updateItem(LogEntry item, boolean empty) {
            super.updateItem(item, empty);
            LogEntry.Severity severity = empty || item == null ? null : item.severity();
            pseudoClassStateChanged(WARNING, severity == LogEntry.Severity.WARNING);
            pseudoClassStateChanged(CRITICAL, severity == LogEntry.Severity.CRITICAL);
        }
    }
}
