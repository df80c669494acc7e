package org.coloconsole.app;

import org.coloconsole.qmp.Endpoint;

/**
 * Opens the console window. The app layer cannot see the UI (layers point one way), so the entry point hands an
 * implementation in.
 */
@FunctionalInterface
public interface GuiLauncher {

    /**
     * Opens the window on {@code start} and blocks until it closes.
     *
     * @return the process exit code
     */
    int launch(WindowStart start);

    /** What the window opens on. */
    sealed interface WindowStart {
        /** The start screen: recent profiles, connect, start a local lab pair. */
        record StartScreen() implements WindowStart {
        }

        /**
         * A pair given on the command line.
         *
         * @param security how its monitors are reached (TLS files, plain TCP to a remote host or not)
         */
        record Pair(PairEndpoints endpoints, TransportSecurity security) implements WindowStart {
        }

        /**
         * A local lab pair that the window starts itself, so that it knows it runs on one (its status bar says so)
         * and stops it when it closes.
         */
        record Lab() implements WindowStart {
        }
    }

    /** Both monitors of a pair. */
    record PairEndpoints(Endpoint primary, Endpoint secondary) {
    }
}
