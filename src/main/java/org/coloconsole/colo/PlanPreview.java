package org.coloconsole.colo;

import java.util.List;

/**
 * The steps a failover to {@code target} would send, shown before the operator confirms. A preview, never a
 * permission: whether it may start is {@link FailoverInterlock}'s answer when the operator confirms, so a preview
 * exists for a refused failover too (the dialog says what would be sent, and starting it is refused with a sentence).
 */
public record PlanPreview(Side target, List<FailoverStep> steps) {

    public PlanPreview {
        steps = List.copyOf(steps);
    }

    public static PlanPreview of(PairState pair, Side target, FailoverPlan.Options options) {
        // an allowed failover fences the other side exactly when it answers (FailoverOption.Verdict.FENCE_OTHER_SIDE)
        boolean fenceOtherSide = pair.side(target.other()).answering();
        return new PlanPreview(target, FailoverPlan.steps(target, fenceOtherSide, options));
    }
}
