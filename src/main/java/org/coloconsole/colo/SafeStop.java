package org.coloconsole.colo;

import java.util.List;

/**
 * Where a runbook may end early when the operator asks it to stop (the window closes, the pair is left): before the
 * step that promotes and never after it. Until {@code x-colo-lost-heartbeat} is sent no side carries on alone, so
 * ending there leaves at most a stopped guest (fenced) and the other side still waiting in COLO; once it is sent, the
 * steps after it (stopping the fenced side again, the verification) are what keep two guests from running, so the
 * runbook goes on to its end.
 */
public final class SafeStop {
    private SafeStop() {
    }

    /** Whether the runbook may end before running {@code steps.get(next)} (0-based). */
    public static boolean before(List<FailoverStep> steps, int next) {
        for (int i = 0; i < next && i < steps.size(); i++) {
            if (steps.get(i).kind() == FailoverStep.Kind.LOST_HEARTBEAT) {
                return false;
            }
        }
        return true;
    }
}
