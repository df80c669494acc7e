package org.coloconsole.colo;

import java.util.Objects;
import java.util.Optional;

/**
 * The operator's request: make {@code target} carry on.
 *
 * @param otherSideFencedAcknowledged the operator states that the other host is fenced (powered off or isolated);
 *                                    needed when the console cannot stop the other side itself
 * @param otherSideFence              a fence action run on the other side before this request: when it succeeded,
 *                                    it is the proof the acknowledgement would otherwise give
 *                                    ({@link FenceOutcome#provesDown})
 */
public record FailoverRequest(Side target, boolean otherSideFencedAcknowledged,
                              Optional<FenceOutcome> otherSideFence) {

    public FailoverRequest {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(otherSideFence, "otherSideFence");
    }

    public FailoverRequest(Side target, boolean otherSideFencedAcknowledged) {
        this(target, otherSideFencedAcknowledged, Optional.empty());
    }

    /** The same request, with the outcome of the fence action the runbook ran on the other side. */
    public FailoverRequest withOtherSideFence(FenceOutcome fence) {
        return new FailoverRequest(target, otherSideFencedAcknowledged, Optional.of(fence));
    }

    /** "Promote the secondary" or "Continue on the primary". */
    public String action() {
        return target == Side.PRIMARY ? "continue on the primary" : "promote the secondary";
    }
}
