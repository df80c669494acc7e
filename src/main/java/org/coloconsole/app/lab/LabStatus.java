package org.coloconsole.app.lab;

import java.util.EnumMap;
import java.util.Map;

/** What a state file says about a lab, checked against the live processes. */
public record LabStatus(LabState state, Map<LabSide, Boolean> running) {

    public LabStatus {
        running = Map.copyOf(running);
    }

    public boolean isRunning(LabSide side) {
        return running.getOrDefault(side, false);
    }

    public boolean allRunning() {
        return isRunning(LabSide.PRIMARY) && isRunning(LabSide.SECONDARY);
    }

    public boolean noneRunning() {
        return !isRunning(LabSide.PRIMARY) && !isRunning(LabSide.SECONDARY);
    }

    /** Reads the live state of the lab {@code state} describes. */
    static LabStatus of(LabState state) {
        Map<LabSide, Boolean> running = new EnumMap<>(LabSide.class);
        for (LabSide side : LabSide.values()) {
            running.put(side, LabProcesses.isLabQemu(state.side(side).pid(), state.qemuBinary(), state.runDir()));
        }
        return new LabStatus(state, running);
    }
}
