package org.coloconsole.engine;

import java.time.Duration;
import java.util.List;
import org.coloconsole.colo.ServiceGap;
import org.coloconsole.colo.SwitchoverPhase;
import org.coloconsole.colo.SwitchoverPlan;

/**
 * How a switchover (swapping roles) ended: each phase's result and time, and the service as the prober saw it.
 *
 * @param refused the switchover was refused before its first phase (lock, state): nothing was sent
 */
public record SwitchoverOutcome(SwitchoverPlan.Ending ending, boolean refused, String sentence,
                                List<PhaseTime> phases, ServiceGap service, Duration total) {

    public SwitchoverOutcome {
        phases = List.copyOf(phases);
    }

    /** One phase as it ran, with the service gap within it. */
    public record PhaseTime(SwitchoverPhase phase, SwitchoverPhase.Result result, Duration took, ServiceGap service,
                            String sentence) {
    }

    public boolean swapped() {
        return ending == SwitchoverPlan.Ending.SWAPPED;
    }
}
