package org.coloconsole.ui.dashboard;

import java.util.function.Supplier;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Control;
import javafx.scene.control.MenuItem;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;

/**
 * Text an operator pastes into a ticket (a card's facts, the banner, a runbook answer): a right click copies the line
 * or the whole block. Labels cannot be selected with the mouse in JavaFX; a copy menu keeps the look of a label.
 */
public final class CopyMenus {
    private CopyMenus() {
    }

    public static void install(Control on, Supplier<String> line, Supplier<String> whole) {
        MenuItem copyLine = new MenuItem("Copy");
        copyLine.setOnAction(e -> copy(line.get()));
        MenuItem copyAll = new MenuItem("Copy all");
        copyAll.setOnAction(e -> copy(whole.get()));
        on.setContextMenu(new ContextMenu(copyLine, copyAll));
    }

    public static void copy(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }
}
