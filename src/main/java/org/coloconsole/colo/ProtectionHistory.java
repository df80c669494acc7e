package org.coloconsole.colo;

/**
 * Whether the QEMU that is to be the primary has been in COLO before, read from its {@code query-colo-status}
 * {@code last-mode}: a plain QEMU that was never protected says {@code none}; a survivor of a failover says the role it
 * left. The flow is the same (only what is missing is added); what differs is what the console calls it, in the plan,
 * the journal and the confirmation, and why a part that is already there is not added.
 */
public enum ProtectionHistory {
    /** {@code last-mode none}: a plain QEMU started with the guide's primary command line, never in COLO. */
    NEVER_PROTECTED("protect", "the primary", "the secondary", "from its command line"),
    /** {@code last-mode primary} or {@code secondary} (or a value this console does not know): after a failover. */
    AFTER_FAILOVER("restore protection", "the survivor", "the new side", "kept through the failover");

    private final String action;
    private final String primary;
    private final String secondary;
    private final String whyPresent;

    ProtectionHistory(String action, String primary, String secondary, String whyPresent) {
        this.action = action;
        this.primary = primary;
        this.secondary = secondary;
        this.whyPresent = whyPresent;
    }

    /** The one rule: only a {@code last-mode} of {@code none} is a QEMU that was never protected. */
    public static ProtectionHistory of(Tag<ColoMode> lastMode) {
        return lastMode.is(ColoMode.NONE) ? NEVER_PROTECTED : AFTER_FAILOVER;
    }

    /** What the flow is called: the journal's action, the word to type to confirm. */
    public String action() {
        return action;
    }

    /** What the QEMU to be the primary is called in sentences. */
    public String primary() {
        return primary;
    }

    /** What the QEMU to be the secondary is called in sentences. */
    public String secondary() {
        return secondary;
    }

    /** Why a part the primary needs is already there. */
    public String whyPresent() {
        return whyPresent;
    }
}
