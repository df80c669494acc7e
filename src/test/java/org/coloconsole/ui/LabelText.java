package org.coloconsole.ui;

import javafx.scene.control.Label;
import org.testfx.api.FxRobot;

/** A label's text as the window tests read it inside Awaitility, which retries assertions but not a missing node. */
final class LabelText {
    private LabelText() {
    }

    /** Empty until the node exists: a session opens off the FX thread. */
    static String of(FxRobot robot, String id) {
        return robot.lookup(id).tryQuery().map(node -> ((Label) node).getText()).orElse("");
    }
}
