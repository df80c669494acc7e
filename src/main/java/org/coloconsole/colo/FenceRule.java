package org.coloconsole.colo;

import java.util.Optional;
import java.util.Set;

/**
 * The one rule for a fence action in a failover, read by the manual runbook (an operator's click, {@code failover} on
 * the command line) and by {@link AutoFailoverPolicy} alike: when the other side's fence action runs, and when the
 * other side counts as down without the operator's word. What a fence's outcome proves is
 * {@link FenceOutcome#provesDown}, which {@link FailoverOption} reads.
 */
public final class FenceRule {
    private FenceRule() {
    }

    /**
     * Whether a failover to {@code option.target()} runs the other side's fence action before the interlock decides:
     * the take-over rule would otherwise need the operator's word that the other side is fenced (it does not answer
     * and its QEMU is not known gone), a fence action is configured for it, and none ran for this failover yet. Never
     * for a side that answers (the runbook stops its guest itself) or whose QEMU is gone, and never for a refused
     * failover.
     *
     * @param fenceable the sides that have a fence action configured
     * @param alreadyRun the fence action already run on the other side for this failover, if any
     */
    public static boolean runFirst(FailoverOption option, Set<Side> fenceable, Optional<FenceOutcome> alreadyRun) {
        Side other = option.target().other();
        return option.verdict() == FailoverOption.Verdict.NEEDS_FENCE_ACKNOWLEDGEMENT && fenceable.contains(other)
                && alreadyRun.filter(f -> f.side() == other).isEmpty();
    }

    /**
     * Whether the other side is proven down, so that a failover needs neither the operator's acknowledgement nor a
     * stop sent to it: its QEMU is gone (its UNIX monitor on this host closed: {@link DeathEvidence}), or a fence
     * action powered it off and it has not answered since.
     */
    public static boolean provenDown(FailoverOption option) {
        return option.verdict() == FailoverOption.Verdict.OTHER_SIDE_GONE
                || option.verdict() == FailoverOption.Verdict.OTHER_SIDE_FENCED;
    }
}
