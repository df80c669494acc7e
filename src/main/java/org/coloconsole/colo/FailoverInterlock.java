package org.coloconsole.colo;

import java.time.Instant;

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
