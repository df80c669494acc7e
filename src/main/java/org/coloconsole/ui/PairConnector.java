package org.coloconsole.ui;

import org.coloconsole.app.GuiLauncher.PairEndpoints;
import org.coloconsole.app.HeartbeatSettings;

/** Opens a session on a pair; connecting goes on in the background, so this returns at once. */
@FunctionalInterface
public interface PairConnector {
    PairSession open(String name, PairEndpoints pair, HeartbeatSettings heartbeat);
}
