package org.coloconsole.app;

import java.util.Optional;
import org.coloconsole.qmp.Endpoint;

/**
 * Opens the console window. The app layer cannot see the UI (layers point one way), so the entry point hands an
 * implementation in.
 */
@FunctionalInterface
public interface GuiLauncher {

    /**
     * Blocks until the window closes.
     *
     * @param pair     the pair to open straight away, or empty for the start screen
     * @param security how that pair's monitors are reached (TLS files, plain TCP to a remote host or not)
     * @return the process exit code
     */
    int launch(Optional<PairEndpoints> pair, TransportSecurity security);

    /**
     * Blocks until the window closes. The window starts a local lab pair itself and opens it, so that it knows it
     * runs on the lab (its status bar says so) and stops the pair when it closes.
     *
     * Launchers that cannot start a lab (the tests' stand-in windows) refuse, as {@code Iterator.remove} does.
     *
     * @return the process exit code
     */
    default int launchOnLab() {
        throw new UnsupportedOperationException("this launcher opens no lab");
    }

    /** Both monitors of a pair. */
    record PairEndpoints(Endpoint primary, Endpoint secondary) {
    }
}
