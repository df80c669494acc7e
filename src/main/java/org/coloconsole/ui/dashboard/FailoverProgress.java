package org.coloconsole.ui.dashboard;

import java.util.Optional;

/**
 * Where the pair's failover stands, as the engine reports it.
 *
 * @param phase NONE, RUNNING, SUCCEEDED, FAILED
 */
public record FailoverProgress(Phase phase, Optional<String> target, Optional<String> sentence) {
    public enum Phase { NONE, RUNNING, SUCCEEDED, FAILED }

    public static FailoverProgress none() {
        return new FailoverProgress(Phase.NONE, Optional.empty(), Optional.empty());
    }
}
