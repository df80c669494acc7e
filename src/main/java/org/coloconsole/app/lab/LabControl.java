package org.coloconsole.app.lab;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds and stops a lab from another process than the one that started it ({@code colo-console lab status|stop}),
 * through the state file in its run directory.
 */
public final class LabControl {
    private LabControl() {
    }

    /** The lab in {@code runDir}, if a state file is there. */
    public static Optional<LabStatus> status(Path runDir) {
        return LabState.read(runDir.toAbsolutePath().normalize()).map(LabStatus::of);
    }

    /**
     * Stops the processes of the lab in {@code runDir} that are still running (each verified by its command line
     * before any signal), then removes the run directory. Empty when there is no lab there.
     */
    public static Optional<LabStopReport> stop(Path runDir, Duration grace) {
        Optional<LabStatus> found = status(runDir);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        LabStatus before = found.get();
        LabState state = before.state();
        long start = System.nanoTime();
        List<Long> pids = new ArrayList<>();
        for (LabSide side : LabSide.values()) {
            pids.add(state.side(side).pid());
        }
        List<Long> killed;
        try {
            killed = LabProcesses.terminate(pids, state.qemuBinary(), state.runDir(), grace);
        } finally {
            RunDirectory.remove(state.runDir());
        }
        return Optional.of(new LabStopReport(before, killed, Duration.ofNanos(System.nanoTime() - start)));
    }
}
