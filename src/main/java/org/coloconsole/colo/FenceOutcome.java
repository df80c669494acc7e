package org.coloconsole.colo;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What one run of a fence action did to a side.
 *
 * @param exitCode the agent's exit code; empty when it did not end on its own (timed out and killed) or never started
 * @param sentence for the operator and the journal: what ran and what it said
 */
public record FenceOutcome(Side side, FenceAction action, Result result, Optional<Integer> exitCode, Instant at,
                           String sentence) {

    public enum Result {
        /** The agent exited 0. */
        SUCCEEDED,
        /** The agent exited with another code, or could not be started. */
        FAILED,
        /** The agent did not finish within its timeout and was killed. */
        TIMED_OUT
    }

    public FenceOutcome {
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(exitCode, "exitCode");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(sentence, "sentence");
    }

    /**
     * Whether this proves that {@code now}'s state of its side runs no guest: a successful {@code off} of that very
     * side, and the side has not answered a ping since (a side that answers again after its fence was started again,
     * so the old proof no longer holds). A failed or timed-out fence never counts.
     */
    public boolean provesDown(SideState now) {
        return result == Result.SUCCEEDED && action == FenceAction.OFF && now.side() == side
                && now.heartbeat().lastOkAt().map(ok -> !ok.isAfter(at)).orElse(true)
                && !now.answering();
    }
}
