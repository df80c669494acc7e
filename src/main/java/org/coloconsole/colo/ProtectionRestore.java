package org.coloconsole.colo;

import java.util.Optional;

/**
 * Whether protection can be restored now, and from which side: the pair runs the VM alone on a side that took over
 * (a verified failover, or a side whose QEMU says it left COLO on request), that side answers, has been read since it
 * connected, its guest runs and it is not in COLO again. The window offers "Restore protection…" on this answer only;
 * the flow's own check ({@link ReprotectCheck}) then judges the new side.
 *
 * @param survivor the side that runs alone: the primary of the restored pair
 */
public record ProtectionRestore(Side survivor, String sentence) {

    /** The survivor when protection can be restored now; empty otherwise. */
    public static Optional<ProtectionRestore> of(PairState pair) {
        if (pair.twoGuestsRun() || pair.failover().phase() == FailoverProgress.Phase.RUNNING
                || pair.failover().phase() == FailoverProgress.Phase.ABANDONED) {
            return Optional.empty();
        }
        Optional<Side> survivor = survivor(pair);
        if (survivor.isEmpty()) {
            return Optional.empty();
        }
        SideState alone = pair.side(survivor.get());
        if (!alone.answering() || !alone.synced() || !alone.guestRuns() || !alone.coloMode().is(ColoMode.NONE)) {
            return Optional.empty();
        }
        return Optional.of(new ProtectionRestore(survivor.get(), "The " + survivor.get().label() + " runs the VM "
                + "alone: protection can be restored onto a new secondary started with -incoming defer."));
    }

    /**
     * The side that carried on after a failover: the target of a verified failover of this console, else a side whose
     * QEMU says it left COLO on request. The one rule {@link Recommender} uses too.
     */
    static Optional<Side> survivor(PairState pair) {
        if (pair.failover().phase() == FailoverProgress.Phase.SUCCEEDED) {
            return pair.failover().target();
        }
        for (Side side : Side.values()) {
            if (pair.side(side).tookOver()) {
                return Optional.of(side);
            }
        }
        return Optional.empty();
    }
}
