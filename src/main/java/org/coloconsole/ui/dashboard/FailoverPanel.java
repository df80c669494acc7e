package org.coloconsole.ui.dashboard;

import java.util.Optional;
import java.util.function.Function;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.coloconsole.colo.Side;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The two failover buttons (the recommended one emphasised), the runbook's steps with their progress, and the last
 * refusal or outcome in a sentence.
 */
public final class FailoverPanel extends VBox {
    private static final PseudoClass RECOMMENDED = PseudoClass.getPseudoClass("recommended");

    /** A step's sentence over two lines and QEMU's answer under it over one or two, at the panel's usual width. */
    private static final double STEP_HEIGHT = 76;
    private static final double MAX_STEPS_HEIGHT = 5 * STEP_HEIGHT;

    private final FailoverViewModel model;
    private final ListView<RunbookStep> steps;
    private final Function<Confirmation, Optional<ConfirmFailoverDialog.Answer>> confirm;
    private final Button promote = new Button("Promote secondary", new FontIcon(Material2MZ.SWAP_HORIZ));
    private final Button continuePrimary = new Button("Continue on primary", new FontIcon(Material2MZ.PLAY_ARROW));

    /**
     * @param confirm shows the confirmation and returns the answer (a dialog in the window; scripted in tests)
     */
    public FailoverPanel(FailoverViewModel model,
                         Function<Confirmation, Optional<ConfirmFailoverDialog.Answer>> confirm) {
        this.model = model;
        this.confirm = confirm;
        setId("failover-panel");
        getStyleClass().add("failover-panel");
        setSpacing(8);
        setPadding(new Insets(12, 14, 12, 14));
        setMinWidth(280);
        setPrefWidth(320);

        Label title = new Label("Failover");
        title.getStyleClass().add("card-title");

        for (Button b : new Button[] {promote, continuePrimary}) {
            b.setMaxWidth(Double.MAX_VALUE);
            b.setMnemonicParsing(false); // no single key may start a failover
            b.getStyleClass().add("failover-button");
        }
        promote.setId("promote-secondary");
        continuePrimary.setId("continue-primary");
        promote.disableProperty().bind(model.promoteSecondaryDisabledProperty());
        continuePrimary.disableProperty().bind(model.continuePrimaryDisabledProperty());
        promote.setOnAction(e -> ask(Side.SECONDARY));
        continuePrimary.setOnAction(e -> ask(Side.PRIMARY));
        model.recommendedProperty().addListener((obs, old, now) -> emphasise(now));
        emphasise(model.recommendedProperty().get());

        Label message = new Label();
        message.setId("failover-message");
        message.getStyleClass().add("failover-message");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        message.setMinHeight(Region.USE_PREF_SIZE); // a refusal is a sentence the operator must read whole
        model.messageToneProperty().addListener((obs, old, now) -> now.applyTo(message));
        model.messageToneProperty().get().applyTo(message);

        Label runbook = new Label();
        runbook.textProperty().bind(model.runbookTitleProperty());
        runbook.getStyleClass().add("section-title");
        steps = new ListView<>(model.steps());
        steps.setId("runbook-steps");
        steps.setCellFactory(list -> new StepCell());
        // it takes whatever height the cards leave, and scrolls its own steps
        steps.setPrefHeight(72);
        steps.setMinHeight(0);
        VBox.setVgrow(steps, Priority.ALWAYS);
        steps.setFocusTraversable(false);
        steps.setPlaceholder(new Label("The runbook's steps appear here."));

        // shown only after a failover was abandoned: the operator's word that both sides were checked
        Button clear = new Button("Clear abandoned failover…", new FontIcon(Material2AL.DONE_ALL));
        clear.setId("clear-abandoned");
        clear.setMaxWidth(Double.MAX_VALUE);
        clear.setMnemonicParsing(false);
        clear.visibleProperty().bind(model.clearableProperty());
        clear.managedProperty().bind(clear.visibleProperty());
        clear.setOnAction(e -> askToClear());

        getChildren().addAll(title, promote, continuePrimary, clear, message, runbook, steps);
    }

    /**
     * The buttons, the whole message and the runbook's steps: while a failover runs and after, the operator wants
     * every step's result in sight, so the dashboard asks for room for all of them (up to a limit; past it the list
     * scrolls). A step's height is estimated: the list shows only the cells in sight and cannot measure the others.
     */
    double neededHeight() {
        double list = model.steps().isEmpty() ? steps.getPrefHeight()
                : Math.min(MAX_STEPS_HEIGHT, model.steps().size() * STEP_HEIGHT + 4);
        return prefHeight(getWidth() > 0 ? getWidth() : -1) - steps.getPrefHeight() + list;
    }

    private void emphasise(Optional<Side> recommended) {
        emphasise(promote, recommended.filter(side -> side == Side.SECONDARY).isPresent());
        emphasise(continuePrimary, recommended.filter(side -> side == Side.PRIMARY).isPresent());
    }

    private static void emphasise(Button button, boolean recommended) {
        button.pseudoClassStateChanged(RECOMMENDED, recommended);
        button.getStyleClass().remove("accent");
        if (recommended) {
            button.getStyleClass().add("accent");
        }
    }

    /** The Pair menu's way in: the same confirmation as the buttons (never a single key). */
    public void ask(Side target) {
        model.confirmation(target).flatMap(confirm).filter(ConfirmFailoverDialog.Answer::confirmed)
                .ifPresent(answer -> model.start(target, answer.otherSideFencedAcknowledged()));
    }

    private void askToClear() {
        ButtonType cleared = new ButtonType("Both sides checked: clear",
                ButtonBar.ButtonData.OK_DONE);
        Alert ask = new Alert(Alert.AlertType.WARNING,
                "The console gave up on a failover before its outcome was known, so it cannot tell what each side "
                        + "runs. Look at both sides (is either guest running? is the other one stopped or fenced?) "
                        + "before you clear it: the failover buttons then follow the sides again.",
                ButtonType.CANCEL, cleared);
        ask.setHeaderText("Clear the abandoned failover?");
        ask.getDialogPane().setId("clear-abandoned-dialog");
        if (getScene() != null) {
            ask.initOwner(getScene().getWindow());
            ask.getDialogPane().getStylesheets().addAll(getScene().getStylesheets());
        }
        ((Button) ask.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        ((Button) ask.getDialogPane().lookupButton(cleared)).setDefaultButton(false);
        ask.showAndWait().filter(cleared::equals).ifPresent(b -> model.clearAbandoned());
    }

    private static final class StepCell extends ListCell<RunbookStep> {
        @Override
        protected void updateItem(RunbookStep step, boolean empty) {
            super.updateItem(step, empty);
            setText(null);
            if (empty || step == null) {
                setGraphic(null);
                return;
            }
            // the step's sentence, and under it what QEMU answered, both wrapped: nothing of a result is cut
            Label sentence = new Label();
            sentence.textProperty().bind(step.sentenceProperty());
            sentence.setWrapText(true);
            Label detail = new Label();
            detail.textProperty().bind(step.detailProperty());
            detail.setWrapText(true);
            detail.getStyleClass().add("step-detail");
            detail.managedProperty().bind(detail.textProperty().isNotEmpty());
            detail.visibleProperty().bind(detail.managedProperty());
            VBox text = new VBox(2, sentence, detail);
            if (getListView() != null) {
                text.prefWidthProperty().bind(getListView().widthProperty().subtract(56));
                text.maxWidthProperty().bind(text.prefWidthProperty());
            }
            sentence.setMinHeight(Region.USE_PREF_SIZE);
            detail.setMinHeight(Region.USE_PREF_SIZE);
            FontIcon icon = new FontIcon(iconFor(step.statusProperty().get()));
            // cells are reused: only the step this cell still shows may change its icon
            step.statusProperty().addListener((obs, old, now) -> {
                if (getItem() == step) {
                    icon.setIconCode(iconFor(now));
                }
            });
            HBox row = new HBox(8, icon, text);
            setGraphic(row);
        }

        private static Ikon iconFor(FailoverPort.StepStatus status) {
            return switch (status) {
                case RUNNING -> Material2MZ.SYNC;
                case DONE -> Material2AL.CHECK_CIRCLE;
                case FAILED -> Material2AL.ERROR;
                case SKIPPED -> Material2MZ.REPORT_OFF;
                case PENDING -> Material2MZ.RADIO_BUTTON_UNCHECKED;
            };
        }
    }
}
