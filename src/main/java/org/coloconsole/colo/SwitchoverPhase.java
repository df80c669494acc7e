package org.coloconsole.colo;

/**
 * The phases of a planned switchover (swapping roles), in order: the secondary is promoted as a planned failover, a
 * new secondary is started where the primary ran, and protection is restored onto it.
 */
public enum SwitchoverPhase {
    /** The planned failover to the secondary; the old primary's QEMU is stopped and quit, so it never serves again. */
    PROMOTE("promote the secondary"),
    /** A new QEMU with {@code -incoming defer} on the old primary's host: started by the lab, or by the operator. */
    NEW_SECONDARY("start the new secondary"),
    /** Restore protection from the promoted side onto the new secondary. */
    REPROTECT("restore protection");

    private final String label;

    SwitchoverPhase(String label) {
        this.label = label;
    }

    /** What the phase does, for the operator and the journal: "promote the secondary". */
    public String label() {
        return label;
    }

    /** How a phase ended, as its runner reports it. */
    public enum Result {
        /** Done and verified. */
        DONE,
        /** Refused before anything was sent. */
        REFUSED,
        /** Failed; what it added was taken back (a restore that was undone: the promoted side runs alone). */
        UNDONE,
        /** Failed, and what it left behind is not known to be safe. */
        FAILED
    }
}
