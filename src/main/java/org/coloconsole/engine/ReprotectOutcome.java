package org.coloconsole.engine;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.coloconsole.colo.ReprotectCheck;

/**
 * How restoring protection ended.
 *
 * @param mirror how long the copy took from {@code drive-mirror} until ready
 * @param outage how long the survivor's guest was stopped (from {@code stop} until it ran again)
 */
public record ReprotectOutcome(Result result, String sentence, List<ReprotectReport> reports,
                               List<ReprotectCheck.Problem> problems, Duration total, Optional<Duration> mirror,
                               Optional<Duration> outage) {

    public ReprotectOutcome {
        reports = List.copyOf(reports);
        problems = List.copyOf(problems);
    }

    public enum Result {
        /** Both sides in COLO, a checkpoint seen, the service probe green (or no probe). */
        PROTECTED,
        /** The check failed: nothing was sent. */
        REFUSED,
        /** A step failed; what was added was taken back and the survivor runs alone. */
        UNDONE,
        /** A step failed and the undo could not bring the survivor back to running alone: act now. */
        FAILED
    }

    public boolean protectedAgain() {
        return result == Result.PROTECTED;
    }
}
