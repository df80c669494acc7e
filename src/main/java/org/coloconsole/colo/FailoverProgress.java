package org.coloconsole.colo;

import java.time.Instant;
import java.util.Optional;

/** Where the operator's failover stands. */
public record FailoverProgress(Phase phase, Optional<Side> target, String sentence, Instant at) {

    public enum Phase {
        NONE,
        RUNNING,
        SUCCEEDED,
        FAILED
    }

    public static FailoverProgress none(Instant at) {
        return new FailoverProgress(Phase.NONE, Optional.empty(), "", at);
    }
}
