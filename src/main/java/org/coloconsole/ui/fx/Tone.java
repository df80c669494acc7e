package org.coloconsole.ui.fx;

import java.util.Locale;
import javafx.css.PseudoClass;
import javafx.scene.Node;

/**
 * How something reads at a glance, everywhere in the window: settled or unknown, all is well, look soon, act now. Each
 * is a CSS pseudo-class of the same name ({@code :ok}, {@code :warn}, {@code :fail}), coloured by the theme's
 * semantic variables.
 */
public enum Tone {
    NEUTRAL, OK, WARN, FAIL;

    public PseudoClass pseudoClass() {
        return PseudoClass.getPseudoClass(name().toLowerCase(Locale.ROOT));
    }

    /** Sets this tone's pseudo-class on {@code node} and clears the others'. */
    public void applyTo(Node node) {
        for (Tone t : values()) {
            node.pseudoClassStateChanged(t.pseudoClass(), t == this);
        }
    }
}
