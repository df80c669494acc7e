package org.coloconsole.colo;

import java.util.List;

/**
 * The steps a failover to {@code target} would send, shown before the operator confirms. A preview, never a
 * permission: whether it may start is {@link FailoverInterlock}'s answer when the operator confirms, so a preview
 * exists for a refused failover too (the dialog says what would be sent, and starting it is refused with a sentence).
 *
 * <p>The steps come from the runner's own rule, {@link FailoverPlan#steps(Side, boolean, FailoverPlan.Options,
 * Topology)}, with the survivor's topology as last discovered (the card's Topology row): on a full pair the NBD,
 * filter and replication steps are listed as they will be sent. The runner re-reads the topology just before it
 * starts, so a part added or removed in between changes the run, and the journal's intent records the plan it ran.
 */
public record PlanPreview(Side target, List<FailoverStep> steps) {

    public PlanPreview {
        steps = List.copyOf(steps);
    }

    public static PlanPreview of(PairState pair, Side target, FailoverPlan.Options options) {
        // an allowed failover fences the other side exactly when it answers (FailoverOption.Verdict.FENCE_OTHER_SIDE)
        boolean fenceOtherSide = pair.side(target.other()).answering();
        Topology survivor = pair.side(target).topology().orElse(Topology.empty());
        return new PlanPreview(target, FailoverPlan.steps(target, fenceOtherSide, options, survivor));
    }
}
