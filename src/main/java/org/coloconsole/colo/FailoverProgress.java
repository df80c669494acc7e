package org.coloconsole.colo;

import java.time.Instant;
import java.util.Optional;

/** Where the operator's failover stands. */
public record FailoverProgress(Phase phase, Optional<Side> target, String sentence, Instant at) {

    public enum Phase {
        NONE,
        RUNNING,
        SUCCEEDED,
        FAILED,
        /**
         * Started, and the console gave up on it before an outcome was known (its start or its runbook did not end
         * in time, or the window closed): what was sent is unknown, so no new failover may start until the operator
         * has looked at both sides and says so ({@link Observation.AbandonedFailoverCleared}).
         */
        ABANDONED
    }

    public static FailoverProgress none(Instant at) {
        return new FailoverProgress(Phase.NONE, Optional.empty(), "", at);
    }
}
