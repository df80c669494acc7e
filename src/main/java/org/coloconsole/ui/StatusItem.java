package org.coloconsole.ui;

import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;

/** One labelled, coloured item of the status bar: a connection, the journal, the lab. */
public final class StatusItem extends Label {
    /** How an item is coloured; each is a pseudo-class on the label. */
    public enum Tone { NEUTRAL, OK, WARN, FAIL }

    private static final PseudoClass OK = PseudoClass.getPseudoClass("ok");
    private static final PseudoClass WARN = PseudoClass.getPseudoClass("warn");
    private static final PseudoClass FAIL = PseudoClass.getPseudoClass("fail");

    public StatusItem(String id, Ikon icon, String text) {
        super(text, new FontIcon(icon));
        setId(id);
        getStyleClass().add("status-item");
        setTooltip(new Tooltip(text));
        setMinWidth(USE_PREF_SIZE); // the left-hand message gives way first
    }

    public void show(String text, Tone tone, Ikon icon) {
        ((FontIcon) getGraphic()).setIconCode(icon);
        show(text, tone);
    }

    public void show(String text, Tone tone) {
        setText(text);
        getTooltip().setText(text);
        pseudoClassStateChanged(OK, tone == Tone.OK);
        pseudoClassStateChanged(WARN, tone == Tone.WARN);
        pseudoClassStateChanged(FAIL, tone == Tone.FAIL);
    }
}
