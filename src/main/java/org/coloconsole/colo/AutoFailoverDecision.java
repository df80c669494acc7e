package org.coloconsole.colo;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the automatic-failover policy says now, with its reasons (journaled as they are).
 *
 * @param target    the survivor it would promote (COUNTDOWN, FENCE, PROMOTE), or the one it holds back
 * @param remaining for COUNTDOWN: how much of the grace period is left
 */
public record AutoFailoverDecision(Kind kind, Optional<Side> target, Duration remaining, List<String> reasons) {

    public enum Kind {
        /** The profile leaves the policy off. */
        OFF,
        /** It acted once (or the operator cancelled) and waits to be re-armed. */
        DISARMED,
        /** Nothing to do, or not allowed to act: the reasons say which. */
        HOLD,
        /** The survivor will be promoted when the grace period ends, unless the operator cancels. */
        COUNTDOWN,
        /** The grace period is over and the other side is not yet proven down: run its fence action now. */
        FENCE,
        /** The other side is proven down; the survivor has not reported COLO_EXIT yet (it does within moments). */
        AWAIT_EXIT,
        /** Promote now, through the same runner, interlock and journal as a click. */
        PROMOTE
    }

    public AutoFailoverDecision {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(remaining, "remaining");
        reasons = List.copyOf(reasons);
    }

    /** The first reason, for a one-line display. */
    public String sentence() {
        return reasons.isEmpty() ? "" : reasons.get(0);
    }
}
