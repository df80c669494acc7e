package org.coloconsole.ui.restore;

import atlantafx.base.theme.Styles;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import javafx.collections.ListChangeListener;
import javafx.event.ActionEvent;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Screen;
import javafx.stage.Window;
import org.coloconsole.qmp.Endpoint;
import org.coloconsole.ui.fx.Tone;

/**
 * "Restore protection": the command line the new secondary needs (selectable, to copy onto its host), its monitor,
 * the check, then the flow with its steps as they finish. Binds to {@link RestoreViewModel}; decides nothing. Not
 * closable while the flow runs: the flow is never cut off.
 */
public final class RestoreDialog extends Dialog<Void> {
    public static final ButtonType RESTORE = new ButtonType("Restore protection", ButtonBar.ButtonData.OK_DONE);

    /**
     * @param startInLab for a lab pair: starts the new secondary in the lab's free slot and completes with its
     *                   monitor; empty on a real pair, where the operator starts it
     */
    public RestoreDialog(Window owner, RestoreViewModel model, Optional<Supplier<CompletableFuture<Endpoint>>> startInLab) {
        initOwner(owner);
        setTitle("Restore protection");
        setHeaderText("Restore protection onto a new secondary (the survivor " + model.survivor().text()
                + " becomes its primary)");
        setResizable(true);
        getDialogPane().setId("restore-dialog");
        getDialogPane().getButtonTypes().addAll(RESTORE, ButtonType.CLOSE);

        Label needs = new Label("Start the new secondary on its host with this command line (from the survivor's "
                + "discovered topology; fill in what is in <angle brackets>):");
        needs.setWrapText(true);
        TextArea command = new TextArea(model.commandLine());
        command.setId("restore-command-line");
        command.setEditable(false);
        command.setPrefRowCount((int) model.commandLine().lines().count());
        command.setPrefColumnCount(150);
        command.getStyleClass().add("selectable-text");

        TextField endpoint = new TextField();
        endpoint.setId("restore-endpoint");
        endpoint.setPromptText("unix:/path/to/new-secondary.sock or tcp:HOST:PORT");
        endpoint.textProperty().bindBidirectional(model.endpointProperty());
        HBox.setHgrow(endpoint, Priority.ALWAYS);
        Button check = new Button("Check");
        check.setId("restore-check");
        check.setOnAction(e -> model.check());
        endpoint.setOnAction(e -> model.check());
        endpoint.disableProperty().bind(model.editableProperty().not());
        check.disableProperty().bind(model.editableProperty().not());
        Label monitor = new Label("New secondary's monitor:");
        monitor.setMinWidth(Region.USE_PREF_SIZE);
        check.setMinWidth(Region.USE_PREF_SIZE);
        HBox endpointRow = new HBox(8, monitor, endpoint, check);
        endpointRow.setAlignment(Pos.CENTER_LEFT);
        startInLab.ifPresent(start -> {
            Button lab = new Button("Start the new secondary in the lab");
            lab.setMinWidth(Region.USE_PREF_SIZE);
            lab.setId("restore-start-lab");
            lab.setOnAction(e -> model.startInLab(start));
            lab.disableProperty().bind(model.editableProperty().not());
            endpointRow.getChildren().add(lab);
        });

        Label endpointProblem = sentence("restore-endpoint-problem", Tone.FAIL);
        endpointProblem.textProperty().bind(model.endpointProblemProperty());
        VBox problems = new VBox(2);
        problems.setId("restore-problems");
        model.problems().addListener((ListChangeListener<String>) c -> showProblems(problems, model));
        Label result = sentence("restore-result", Tone.NEUTRAL);
        result.textProperty().bind(model.resultProperty());
        Label current = sentence("restore-current", Tone.NEUTRAL);
        current.textProperty().bind(model.currentProperty());
        ListView<String> steps = new ListView<>(model.steps());
        steps.setId("restore-steps");
        steps.setPrefHeight(150);
        // a log of steps: one text line a row, as the log and jobs tables (the theme's default cells are twice as tall)
        steps.getStyleClass().add(Styles.DENSE);
        model.steps().addListener((ListChangeListener<String>) c -> steps.scrollTo(model.steps().size() - 1));

        VBox content = new VBox(8, needs, command, endpointRow, endpointProblem, problems, current, steps, result);
        getDialogPane().setContent(content);
        // the command line's longest lines whole, without a scroll bar on a 1280-wide screen
        double room = Screen.getPrimary().getVisualBounds().getWidth() - 60;
        getDialogPane().setPrefWidth(Math.min(1180, room));
        getDialogPane().setMinWidth(Math.min(1180, room));
        // The check's sentences come and go below the command line: the command line gives up rows for them (it
        // scrolls). A minimum height of the pane's preferred one instead let the pane overflow its window, which
        // does not grow by itself, and the buttons were cut off.
        VBox.setVgrow(command, Priority.ALWAYS);
        command.setMinHeight(120);

        Button restore = (Button) getDialogPane().lookupButton(RESTORE);
        restore.setId("restore-run");
        restore.disableProperty().bind(model.phaseProperty().isNotEqualTo(RestoreViewModel.Phase.READY));
        // the dialog stays open while the flow runs: its steps and outcome are the point
        restore.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            model.restore();
        });
        Button close = (Button) getDialogPane().lookupButton(ButtonType.CLOSE);
        close.setId("restore-close");
        close.disableProperty().bind(model.phaseProperty().isEqualTo(RestoreViewModel.Phase.RUNNING)
                .or(model.phaseProperty().isEqualTo(RestoreViewModel.Phase.CHECKING)));
        model.phaseProperty().addListener((obs, old, now) -> {
            Tone tone = switch (now) {
                case PROTECTED, READY -> Tone.OK;
                case FAILED, REFUSED -> Tone.FAIL;
                case EDITING, CHECKING, RUNNING -> Tone.NEUTRAL;
            };
            tone.applyTo(result);
        });
        // the window's close button too: never while the flow runs
        setOnCloseRequest(e -> {
            RestoreViewModel.Phase phase = model.phaseProperty().get();
            if (phase == RestoreViewModel.Phase.RUNNING || phase == RestoreViewModel.Phase.CHECKING) {
                e.consume();
            }
        });
    }

    private static Label sentence(String id, Tone tone) {
        Label label = new Label();
        label.setId(id);
        label.setWrapText(true);
        // a sentence keeps all its lines: the command line and the steps give up rows first
        label.setMinHeight(Region.USE_PREF_SIZE);
        label.managedProperty().bind(label.textProperty().isNotEmpty());
        label.visibleProperty().bind(label.managedProperty());
        tone.applyTo(label);
        return label;
    }

    private static void showProblems(VBox box, RestoreViewModel model) {
        box.getChildren().clear();
        int i = 0;
        for (String problem : model.problems()) {
            Label line = new Label("• " + problem);
            line.setId("restore-problem-" + i++);
            line.setWrapText(true);
            line.setMinHeight(Region.USE_PREF_SIZE);
            Tone.FAIL.applyTo(line);
            box.getChildren().add(line);
        }
    }
}
