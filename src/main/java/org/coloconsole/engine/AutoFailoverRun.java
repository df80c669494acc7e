package org.coloconsole.engine;

import java.time.Duration;
import java.util.Optional;
import org.coloconsole.colo.FenceOutcome;
import org.coloconsole.colo.Side;

/**
 * One automatic failover as it went, measured on the monotonic clock: for the journal's outcome and the figures
 * (src/bench/README.md).
 *
 * @param countdownStartedNanos when the policy first counted down for this episode (the end of detection)
 * @param grace                 from the countdown's start to the fence's or the runbook's start
 * @param fence                 how long the fence action took, when one ran
 * @param afterFence            from the fence's end to the runbook's start: the survivor's COLO_EXIT arriving
 * @param runbook               the failover runner's own total (interlock, journal, QEMU, verification)
 */
public record AutoFailoverRun(Side target, long countdownStartedNanos, Duration grace, Optional<Duration> fence,
                              Optional<Duration> afterFence, Optional<FenceOutcome> fenceOutcome, Duration runbook, FailoverOutcome outcome) {
}
