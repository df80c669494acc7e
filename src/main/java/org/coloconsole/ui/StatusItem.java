package org.coloconsole.ui;

import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import org.coloconsole.ui.fx.Tone;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;

/** One labelled, coloured item of the status bar: a connection, the journal, the lab. */
public final class StatusItem extends Label {
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
        tone.applyTo(this);
    }
}
