package org.coloconsole.ui;

import org.coloconsole.app.GuiLauncher.PairEndpoints;
import org.coloconsole.engine.HeartbeatSettings;

/** Opens a session on a pair; connecting goes on in the background, so this returns at once. */
@FunctionalInterface
public interface PairConnector {
    /**
     * @param options the transport (a connection it does not allow fails with the qmp layer's sentence, shown on that
     *                side), the service probes, the automatic failover and the alert command of the pair
     */
    WindowSession open(String name, PairEndpoints pair, HeartbeatSettings heartbeat, SessionOptions options);
}
