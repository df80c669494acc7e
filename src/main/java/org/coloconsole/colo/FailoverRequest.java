package org.coloconsole.colo;

/**
 * The operator's request: make {@code target} carry on.
 *
 * @param otherSideFencedAcknowledged the operator states that the other host is fenced (powered off or isolated);
 *                                    needed when the console cannot stop the other side itself
 */
public record FailoverRequest(Side target, boolean otherSideFencedAcknowledged) {

    /** "Promote the secondary" or "Continue on the primary". */
    public String action() {
        return target == Side.SECONDARY ? "promote the secondary" : "continue on the primary";
    }
}
