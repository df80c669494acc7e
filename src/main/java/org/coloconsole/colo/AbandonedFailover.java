package org.coloconsole.colo;

import java.util.Optional;

/**
 * The one rule for a failover the console gave up on ({@link FailoverProgress.Phase#ABANDONED}): it is entered only
 * from a running failover, and left only by the operator's word. Nothing else the console learns (a late start, a
 * late outcome of the runbook it gave up on) clears it, because after giving up the console cannot know which of
 * the runbook's commands reached QEMU; the sides' own reports still change the sides as ever.
 */
public final class AbandonedFailover {
    private AbandonedFailover() {
    }

    /**
     * The next state when this rule decides it, else empty (the ordinary failover reduction applies).
     *
     * @param o a failover observation (started, succeeded, failed, abandoned, cleared)
     */
    static Optional<PairState> reduce(PairState state, Observation o) {
        FailoverProgress.Phase phase = state.failover().phase();
        if (o instanceof Observation.FailoverAbandoned a) {
            return Optional.of(phase == FailoverProgress.Phase.RUNNING
                    ? state.with(new FailoverProgress(FailoverProgress.Phase.ABANDONED, Optional.of(a.side()),
                            a.sentence(), a.at()))
                    : state); // it ended before the console gave up: the outcome stands
        }
        if (o instanceof Observation.AbandonedFailoverCleared c) {
            return Optional.of(phase == FailoverProgress.Phase.ABANDONED ? state.with(FailoverProgress.none(c.at()))
                    : state);
        }
        return phase == FailoverProgress.Phase.ABANDONED ? Optional.of(state) : Optional.empty();
    }

    /** Why no failover may start now, while one is abandoned; empty otherwise. */
    static Optional<String> refusal(FailoverProgress failover) {
        if (failover.phase() != FailoverProgress.Phase.ABANDONED) {
            return Optional.empty();
        }
        return Optional.of("A failover to the " + failover.target().map(Side::label).orElse("?") + " was abandoned "
                + "before its outcome was known (" + failover.sentence() + "). Check what each side runs, fence "
                + "what must not run, then clear the abandoned failover before starting another.");
    }

    /** Whether the operator's word to clear it is wanted now: the button is offered only then. */
    public static boolean clearable(PairState pair) {
        return pair.failover().phase() == FailoverProgress.Phase.ABANDONED;
    }
}
