package org.coloconsole.colo;

import java.util.Map;

/**
 * One step of a failover runbook: which QMP command goes to which side, and a sentence saying why.
 *
 * @param outOfBand send with {@code exec-oob} (yank must overtake a monitor stuck on migration)
 */
public record FailoverStep(Kind kind, Side side, String command, Map<String, Object> arguments, boolean outOfBand,
                           String sentence) {

    public FailoverStep {
        arguments = Map.copyOf(arguments);
    }

    public enum Kind {
        FENCE_STOP,
        FENCE_QUIT,
        YANK,
        LOST_HEARTBEAT,
        /** Stop the fenced side again: a COLO checkpoint between the first stop and the lost-heartbeat resumes it. */
        REFENCE_STOP,
        VERIFY
    }
}
