package org.coloconsole.colo;

import java.time.Instant;

/** Both sides and the operator's failover. Immutable; reduced by {@link PairReducer}. */
public record PairState(SideState primary, SideState secondary, FailoverProgress failover) {

    public static PairState initial(String primaryEndpoint, String secondaryEndpoint, Instant at) {
        return new PairState(SideState.initial(Side.PRIMARY, primaryEndpoint, at),
                SideState.initial(Side.SECONDARY, secondaryEndpoint, at), FailoverProgress.none(at));
    }

    public SideState side(Side side) {
        return side == Side.PRIMARY ? primary : secondary;
    }

    /**
     * Two guests run apart: a side left COLO on request while the other's guest still runs (QEMU never fences, so a
     * lost-heartbeat sent without fencing, or a stopped side resumed later, leaves both running). Only what both
     * monitors say now counts: the run state of a side that does not answer is stale.
     */
    public boolean twoGuestsRun() {
        return (primary.tookOver() || secondary.tookOver()) && primary.answering() && secondary.answering()
                && primary.guestRuns() && secondary.guestRuns();
    }

    PairState with(SideState next) {
        return next.side() == Side.PRIMARY ? new PairState(next, secondary, failover)
                : new PairState(primary, next, failover);
    }

    PairState with(FailoverProgress next) {
        return new PairState(primary, secondary, next);
    }
}
