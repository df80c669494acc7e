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

    PairState with(SideState next) {
        return next.side() == Side.PRIMARY ? new PairState(next, secondary, failover)
                : new PairState(primary, next, failover);
    }

    PairState with(FailoverProgress next) {
        return new PairState(primary, secondary, next);
    }
}
