package org.coloconsole.engine;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.coloconsole.colo.InterlockDecision;
import org.coloconsole.colo.Side;

/**
 * How a failover ended.
 *
 * @param qemuTime the part of {@code total} spent waiting for QEMU's replies to the runbook's commands
 */
public record FailoverOutcome(Result result, Side target, String sentence, List<StepReport> steps, Duration total,
                              Duration qemuTime, Optional<InterlockDecision> refusal) {

    public enum Result {
        /** The survivor left COLO on request and runs: verified. */
        VERIFIED,
        /** The interlock refused; nothing was sent. */
        REFUSED,
        /** Something failed on the way; the sentence says what and what state it left. */
        FAILED,
        /**
         * Given up before its end: stopped safely before promoting (the window closed, the pair was left), or the
         * console could not tell whether it started; the sentence says which and what was sent.
         */
        ABANDONED
    }

    public boolean verified() {
        return result == Result.VERIFIED;
    }
}
