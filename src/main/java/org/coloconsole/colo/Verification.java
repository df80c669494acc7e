package org.coloconsole.colo;

/**
 * Whether a failover to a side is done, read from what QEMU reports rather than from what the console sent: the
 * target left COLO on request (its COLO_EXIT reason=request, or query-colo-status last-mode set, mode none, reason
 * request), its guest runs, and the other side, if the console can see it, no longer runs a guest of its own.
 */
public final class Verification {
    private Verification() {
    }

    public static boolean verified(PairState pair, Side target) {
        return whyNot(pair, target).isEmpty();
    }

    /** Empty when verified; otherwise what is still missing, as a sentence for the operator. */
    public static String whyNot(PairState pair, Side target) {
        SideState chosen = pair.side(target);
        SideState other = pair.side(target.other());
        if (!chosen.tookOver()) {
            return "The " + target.label() + " has not left COLO on request yet (mode " + chosen.coloMode().raw()
                    + ", reason " + chosen.reason().raw() + ").";
        }
        if (!chosen.guestRuns()) {
            return "The " + target.label() + " left COLO but its guest does not run (" + chosen.runState() + ").";
        }
        if (other.answering() && other.guestRuns()) {
            return "The " + other.side().label() + "'s guest still runs beside the " + target.label() + ".";
        }
        // a malformed query-status leaves the run state unknown, and unknown never counts as stopped
        if (other.answering() && other.running().isEmpty()) {
            return "The " + other.side().label() + " answers but its run state is not known: it may still run "
                    + "beside the " + target.label() + ".";
        }
        return "";
    }
}
