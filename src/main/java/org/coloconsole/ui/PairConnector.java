package org.coloconsole.ui;

import org.coloconsole.engine.AlertCommand;
import org.coloconsole.app.GuiLauncher.PairEndpoints;
import org.coloconsole.app.TransportSecurity;
import org.coloconsole.engine.HeartbeatSettings;

/** Opens a session on a pair; connecting goes on in the background, so this returns at once. */
@FunctionalInterface
public interface PairConnector {
    /**
     * @param security the TLS files for {@code tls:} endpoints and whether plain TCP may leave loopback; a connection
     *                 it does not allow fails with the qmp layer's sentence, shown on that side
     */
    WindowSession open(String name, PairEndpoints pair, HeartbeatSettings heartbeat, TransportSecurity security);

    /**
     * As above, for a profile with an alert command: the session runs it at each alert (a connector without alerts
     * beyond the window ignores it).
     */
    default WindowSession open(String name, PairEndpoints pair, HeartbeatSettings heartbeat,
                               TransportSecurity security, java.util.Optional<AlertCommand> alertCommand) {
        return open(name, pair, heartbeat, security);
    }
}
