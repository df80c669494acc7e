package org.coloconsole.ui.dashboard;

import javafx.css.PseudoClass;

/** The banner's colour: all is well, look soon, act now. */
public enum Tone {
    OK, WARN, FAIL;

    public PseudoClass pseudoClass() {
        return PseudoClass.getPseudoClass(name().toLowerCase(java.util.Locale.ROOT));
    }
}
