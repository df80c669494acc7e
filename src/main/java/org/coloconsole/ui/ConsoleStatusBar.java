package org.coloconsole.ui;

import javafx.geometry.Orientation;
import javafx.scene.control.Separator;
import org.controlsfx.control.StatusBar;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/** The bottom line: the last message on the left; both connections, the journal and the lab on the right. */
public final class ConsoleStatusBar extends StatusBar {
    private final StatusItem primary = new StatusItem("status-primary", Material2AL.LINK_OFF, "Primary: not connected");
    private final StatusItem secondary = new StatusItem("status-secondary", Material2AL.LINK_OFF,
            "Secondary: not connected");
    private final StatusItem journal = new StatusItem("status-journal", Material2AL.BOOK, "Journal: none");
    private final StatusItem lab = new StatusItem("status-lab", Material2MZ.SCIENCE, "Lab: not running");

    public ConsoleStatusBar() {
        setId("status-bar");
        setText("Ready.");
        getRightItems().addAll(primary, new Separator(Orientation.VERTICAL), secondary,
                new Separator(Orientation.VERTICAL), journal,
                new Separator(Orientation.VERTICAL), lab);
    }

    public void message(String text) {
        setText(text);
    }

    public StatusItem primary() { return primary; }
    public StatusItem secondary() { return secondary; }
    public StatusItem journal() { return journal; }
    public StatusItem lab() { return lab; }
}
