package org.coloconsole.ui.jobs;

import java.util.Locale;
import javafx.css.PseudoClass;

/** How a row's status reads at a glance: working, needs a look, failed, or settled/unknown. */
public enum JobTone {
    OK, WARN, FAIL, NEUTRAL;

    public PseudoClass pseudoClass() {
        return PseudoClass.getPseudoClass(name().toLowerCase(Locale.ROOT));
    }
}
