package org.coloconsole.ui;

import java.util.Optional;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

/**
 * Asked when the operator would leave the pair (disconnect, open another, quit) while a failover runs: the runbook is
 * never cut off, so the choice is to wait for its outcome, to stop it where that is safe, or not to leave. Waiting
 * is the default button: the safe answer to a hasty Enter.
 */
final class RunningFailoverDialog extends Alert {
    enum Choice { WAIT, STOP_SAFELY, CANCEL }

    private static final ButtonType WAIT = new ButtonType("Wait for it", ButtonBar.ButtonData.OK_DONE);
    private static final ButtonType STOP = new ButtonType("Stop it before it promotes",
            ButtonBar.ButtonData.OTHER);

    RunningFailoverDialog(Window owner, String what) {
        super(AlertType.WARNING, "", WAIT, STOP, ButtonType.CANCEL);
        initOwner(owner);
        setTitle("A failover is running");
        setHeaderText("A failover is running: wait for it before you " + what + "?");
        setContentText("Wait for it: the runbook runs to its end, its outcome is journaled, then the console will "
                + what + ".\nStop it before it promotes: if it has not yet told the survivor to take over, it "
                + "ends there (a side it stopped stays stopped); else it runs to its end. Its outcome is journaled "
                + "either way.\nCancel: stay on this pair.");
        getDialogPane().setId("failover-running-dialog");
        ((Button) getDialogPane().lookupButton(WAIT)).setId("failover-running-wait");
        ((Button) getDialogPane().lookupButton(STOP)).setId("failover-running-stop");
        ((Button) getDialogPane().lookupButton(ButtonType.CANCEL)).setId("failover-running-cancel");
    }

    /** The operator's choice; CANCEL when the dialog was closed. */
    Optional<Choice> ask() {
        return showAndWait().map(button -> button == STOP ? Choice.STOP_SAFELY
                : button == ButtonType.CANCEL ? Choice.CANCEL : Choice.WAIT);
    }
}
