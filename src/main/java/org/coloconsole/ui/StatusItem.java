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
    }

    /**
     * At most {@link #MAX_MIN_WIDTH} before it is cut (the tooltip has it whole): the lab's long description made
     * the window wider than the screen, cutting the toolbar and the failover panel.
     */
    static final double MAX_MIN_WIDTH = 340;

    @Override
    protected double computeMinWidth(double height) {
        return Math.min(super.computePrefWidth(height), MAX_MIN_WIDTH);
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
