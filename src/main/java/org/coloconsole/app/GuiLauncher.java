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
     * @param pair the pair to open straight away, or empty for the start screen
     * @return the process exit code
     */
    int launch(Optional<PairEndpoints> pair);

    /** Both monitors of a pair. */
    record PairEndpoints(Endpoint primary, Endpoint secondary) {
    }
}
