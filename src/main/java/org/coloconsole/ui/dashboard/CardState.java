package org.coloconsole.ui.dashboard;

import javafx.css.PseudoClass;

/** How a side card is coloured; each is a CSS pseudo-class of the same name. */
public enum CardState {
    HEALTHY, DEGRADED, LOST, EXITED;

    public PseudoClass pseudoClass() {
        return PseudoClass.getPseudoClass(name().toLowerCase(java.util.Locale.ROOT));
    }
}
