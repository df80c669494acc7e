package org.coloconsole.ui;

import org.coloconsole.app.GuiLauncher.PairEndpoints;
import org.coloconsole.app.TransportSecurity;
import org.coloconsole.colo.ServiceProbes;
import org.coloconsole.engine.HeartbeatSettings;

/** Opens a session on a pair; connecting goes on in the background, so this returns at once. */
@FunctionalInterface
public interface PairConnector {
    /**
     * @param security the TLS files for {@code tls:} endpoints and whether plain TCP may leave loopback; a connection
     *                 it does not allow fails with the qmp layer's sentence, shown on that side
     * @param probes   each side's service probe (the profile's, or the lab's own), shown on the cards
     */
    WindowSession open(String name, PairEndpoints pair, HeartbeatSettings heartbeat, TransportSecurity security,
                       ServiceProbes probes);

    /** As the five-argument form, with the profile's automatic failover; a connector without one ignores it. */
    default WindowSession open(String name, PairEndpoints pair, HeartbeatSettings heartbeat,
                               TransportSecurity security, ServiceProbes probes,
                               org.coloconsole.engine.AutoFailoverSetup autoFailover) {
        return open(name, pair, heartbeat, security, probes);
    }
}
