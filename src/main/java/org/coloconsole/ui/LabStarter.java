package org.coloconsole.ui;

import org.coloconsole.app.GuiLauncher.PairEndpoints;
import org.coloconsole.colo.ServiceProbes;
import org.coloconsole.qmp.Endpoint;

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

        /**
         * Starts a new secondary for restoring protection in the lab slot that watched at {@code slot} (killing what
         * runs there): fresh disks, the secondary's proxy, {@code -incoming defer}; blocking. Only a full lab pair can.
         *
         * @return its monitor, the one the slot had
         * @throws RuntimeException with a sentence when it cannot
         */
        default Endpoint startNewSecondary(Endpoint slot) {
            throw new UnsupportedOperationException("this lab cannot start a new secondary");
        }

        /** Whether {@link #startNewSecondary} can: a full lab pair (disks, proxy) only. */
        default boolean startsNewSecondaries() {
            return false;
        }

        @Override
        void close();
    }
}
