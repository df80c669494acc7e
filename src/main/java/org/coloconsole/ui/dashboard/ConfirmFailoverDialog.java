package org.coloconsole.ui.dashboard;

import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar.ButtonData;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Screen;
import javafx.stage.Window;
import org.coloconsole.colo.FailoverStep;

/**
 * Asks before a failover: what is sent to which QEMU, what happens to the other side, and (when the console cannot
 * stop the other side) the operator's word that its host is fenced. No single key confirms: the confirm button stays
 * disabled until the operator ticks the confirmation (or the fencing acknowledgement), is never the default button,
 * and Cancel has the focus.
 */
public final class ConfirmFailoverDialog extends Dialog<ConfirmFailoverDialog.Answer> {
    /** The operator's answer. */
    public record Answer(boolean confirmed, boolean otherSideFencedAcknowledged) {
    }

    /** The screen height the dialog's other parts take (header, the other side, the tick, the buttons). */
    private static final double STEPS_MARGIN = 330;
    private static final double MIN_STEPS_HEIGHT = 160;
    public static final ButtonType CONFIRM = new ButtonType("Fail over now", ButtonData.OTHER);

    public ConfirmFailoverDialog(Window owner, Confirmation c) {
        initOwner(owner);
        setTitle("Confirm failover");
        setHeaderText(c.title());
        getDialogPane().setId("confirm-failover");
        getDialogPane().getStyleClass().add("confirm-failover");

        GridPane steps = new GridPane();
        steps.setHgap(12);
        steps.setVgap(6);
        int row = 0;
        for (FailoverStep step : c.steps()) {
            Label number = new Label((row + 1) + ".");
            Label side = new Label(step.side().title());
            side.getStyleClass().add("confirm-side");
            Label command = new Label(step.command());
            command.getStyleClass().add("confirm-command");
            for (Label fixed : new Label[] {number, side, command}) {
                fixed.setMinWidth(Region.USE_PREF_SIZE); // what is sent where is never cut
            }
            Label sentence = new Label(step.sentence());
            sentence.setWrapText(true);
            // wide enough that most sentences take one line: a full pair's ten steps then fit a 800-pixel screen.
            // A fixed width, not only a maximum: the steps' height is computed at the width they will get, so the
            // list is as tall as its lines (with only a maximum it was measured one line a step, and scrolled).
            sentence.setMinWidth(460);
            sentence.setPrefWidth(460);
            sentence.setMaxWidth(460);
            steps.addRow(row++, number, side, command, sentence);
        }
        Label sends = new Label("The console will send, in this order:");
        sends.getStyleClass().add("confirm-heading");
        Label otherHeading = new Label("The other side:");
        otherHeading.getStyleClass().add("confirm-heading");
        Label other = new Label(c.otherSide());
        other.setId("confirm-other-side");
        other.setWrapText(true);
        other.setMaxWidth(640);
        // on a small screen the steps scroll, never the button: the dialog must not grow past the screen's bottom
        ScrollPane stepsView = new ScrollPane(steps);
        stepsView.setId("confirm-steps");
        stepsView.setFitToWidth(true);
        // the dialog takes the steps' whole width: a narrower one cut each sentence at its right edge
        stepsView.setMinWidth(Region.USE_PREF_SIZE);
        stepsView.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        stepsView.getStyleClass().add("edge-to-edge");
        double room = Screen.getPrimary().getVisualBounds().getHeight() - STEPS_MARGIN;
        // as tall as the steps (no scroll bar for a plan that fits), at most the room the screen has
        stepsView.setMaxHeight(Math.max(MIN_STEPS_HEIGHT, room));
        VBox content = new VBox(10, sends, stepsView, otherHeading, other);
        content.setPadding(new Insets(6, 4, 6, 4));

        // the one explicit act before the button wakes: no single key (Enter, Space, a mnemonic) can fail over
        CheckBox agree = new CheckBox(c.needsFenceAcknowledgement() ? c.acknowledgementText()
                : "Yes, fail over to the " + c.target().label() + " now.");
        agree.setId("confirm-agree");
        agree.setWrapText(true);
        agree.setMnemonicParsing(false);
        agree.getStyleClass().add(c.needsFenceAcknowledgement() ? "confirm-fence" : "confirm-agree");
        content.getChildren().add(agree);
        getDialogPane().setContent(content);
        getDialogPane().getButtonTypes().setAll(ButtonType.CANCEL, CONFIRM);

        Button confirm = (Button) getDialogPane().lookupButton(CONFIRM);
        confirm.setId("confirm-failover-button");
        confirm.setDefaultButton(false);
        confirm.getStyleClass().add("danger");
        confirm.setMnemonicParsing(false);
        confirm.disableProperty().bind(agree.selectedProperty().not());
        Button cancel = (Button) getDialogPane().lookupButton(ButtonType.CANCEL);
        cancel.setId("cancel-failover-button");
        cancel.setDefaultButton(false);
        setOnShown(e -> cancel.requestFocus());

        setResultConverter(button -> new Answer(button == CONFIRM && agree.isSelected(),
                c.needsFenceAcknowledgement() && agree.isSelected()));
    }
}
