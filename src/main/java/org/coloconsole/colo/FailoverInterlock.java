package org.coloconsole.colo;

import java.time.Instant;
import java.util.Set;

/**
 * The split-brain interlock: a pure function that says whether a failover may start. It refuses whatever could
 * leave two guests running: a second failover, promoting a side the console cannot reach, or promoting while the
 * other side can neither be fenced by the console nor is acknowledged as fenced by the operator. What a failover may
 * do is {@link FailoverOption}'s to say; the interlock adds only the operator's acknowledgement.
 */
public final class FailoverInterlock {
    private FailoverInterlock() {
    }

    /**
     * As {@link #check(PairState, FailoverRequest, Instant)}, without the time: it cannot tell whether the chosen side
     * still checkpoints with the other, so prefer the three-argument form.
     */
    public static InterlockDecision check(PairState pair, FailoverRequest request) {
        return decide(FailoverOption.of(pair, request.target()), request);
    }

    /**
     * @param now the console's time, used to see whether the chosen side still checkpoints with the other side: if it
     *            does, the other side's QEMU runs, whatever the console's own connection to it says
     */
    public static InterlockDecision check(PairState pair, FailoverRequest request, Instant now) {
        return decide(FailoverOption.of(pair, request.target(), now, request.otherSideFence()), request);
    }

    /**
     * What a confirmation shows before a failover starts, where the runbook may run the other side's fence action
     * first ({@link FenceRule#runFirst}): then allowed as if fenced (its plan sends nothing to the other side), with a
     * sentence saying that the fence runs first and that a fence that fails refuses the failover unless the operator
     * acknowledged the fence. Otherwise the same answer as {@link #check(PairState, FailoverRequest, Instant)}. The
     * runbook itself decides with {@code check} once the fence ran.
     *
     * @param fenceable the sides that have a fence action configured
     */
    public static InterlockDecision preview(PairState pair, FailoverRequest request, Instant now,
                                            Set<Side> fenceable) {
        FailoverOption option = FailoverOption.of(pair, request.target(), now, request.otherSideFence());
        if (FenceRule.runFirst(option, fenceable, request.otherSideFence())) {
            Side other = request.target().other();
            return InterlockDecision.allow(false, "The " + other.label() + " does not answer and its QEMU is not "
                    + "known gone: its fence action runs first, and a successful fence proves it down. If the fence "
                    + "fails, " + (request.otherSideFencedAcknowledged() ? "the operator's acknowledgement stands."
                    : "nothing is sent."));
        }
        return decide(option, request);
    }

    private static InterlockDecision decide(FailoverOption option, FailoverRequest request) {
        return switch (option.verdict()) {
            case REFUSED -> InterlockDecision.refuse(option.sentence());
            case FENCE_OTHER_SIDE -> InterlockDecision.allow(true, option.sentence());
            case OTHER_SIDE_GONE, OTHER_SIDE_FENCED -> InterlockDecision.allow(false, option.sentence());
            case NEEDS_FENCE_ACKNOWLEDGEMENT -> request.otherSideFencedAcknowledged()
                    ? InterlockDecision.allow(false, "The operator acknowledged that the "
                            + request.target().other().label() + "'s host is fenced.")
                    : InterlockDecision.refuse(option.sentence());
        };
    }
}
