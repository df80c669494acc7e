package org.coloconsole.ui.dashboard;

import java.util.Locale;
import javafx.css.PseudoClass;

/** How a side card is coloured; each is a CSS pseudo-class of the same name (RUNS_ALONE: {@code :runs-alone}). */
public enum CardState {
    HEALTHY, DEGRADED, LOST, EXITED,
    /** The survivor of a failover: it left COLO on request and carries the VM unprotected. A fact, not an alarm. */
    RUNS_ALONE,
    /** Stopped by the console so that only one guest runs. */
    FENCED;

    public PseudoClass pseudoClass() {
        return PseudoClass.getPseudoClass(name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }

    /** The word on the card's badge. */
    public String label() {
        return switch (this) {
            case HEALTHY -> "HEALTHY";
            case DEGRADED -> "DEGRADED";
            case LOST -> "LOST";
            case EXITED -> "EXITED";
            case RUNS_ALONE -> "RUNS ALONE";
            case FENCED -> "FENCED";
        };
    }
}
