package org.coloconsole.app.lab;

import java.time.Duration;
import java.util.List;

/**
 * How a stop went.
 *
 * @param before what was running when the stop began
 * @param killed pids that ignored SIGTERM for the grace period and got SIGKILL
 * @param took   from the first signal until both processes were gone and the run directory removed
 */
public record LabStopReport(LabStatus before, List<Long> killed, Duration took) {
    public LabStopReport {
        killed = List.copyOf(killed);
    }
}
