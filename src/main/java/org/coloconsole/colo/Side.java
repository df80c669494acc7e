package org.coloconsole.colo;

/** One QEMU of a COLO pair. */
public enum Side {
    PRIMARY,
    SECONDARY;

    public Side other() {
        return this == PRIMARY ? SECONDARY : PRIMARY;
    }

    /** Lower-case, as people and the journal write it. */
    public String label() {
        return this == PRIMARY ? "primary" : "secondary";
    }

    /** Capitalised, for the start of a sentence. */
    public String title() {
        return this == PRIMARY ? "Primary" : "Secondary";
    }
}
