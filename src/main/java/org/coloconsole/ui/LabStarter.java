package org.coloconsole.ui;

import org.coloconsole.app.GuiLauncher.PairEndpoints;
import org.coloconsole.colo.ServiceProbes;

/** Starts the embedded local lab pair; blocking (the window calls it off the FX thread). */
@FunctionalInterface
public interface LabStarter {

    /** @throws RuntimeException with a sentence the operator can act on when the lab cannot start */
    RunningLab start();

    /** A started lab: its endpoints, its guests' probes, a sentence (accelerator, run dir) and how to stop it. */
    interface RunningLab extends AutoCloseable {
        PairEndpoints endpoints();

        /** Each side's guest service, through its forwarded port; none for a pair without a guest. */
        ServiceProbes probes();

        String description();

        @Override
        void close();
    }
}
