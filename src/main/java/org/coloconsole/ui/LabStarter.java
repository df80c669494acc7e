package org.coloconsole.ui;

import org.coloconsole.app.GuiLauncher.PairEndpoints;

/** Starts the embedded local lab pair; blocking (the window calls it off the FX thread). */
@FunctionalInterface
public interface LabStarter {

    /** @throws RuntimeException with a sentence the operator can act on when the lab cannot start */
    RunningLab start();

    /** A started lab: its endpoints, a sentence (accelerator, run dir) and how to stop it. */
    interface RunningLab extends AutoCloseable {
        PairEndpoints endpoints();

        String description();

        @Override
        void close();
    }
}
