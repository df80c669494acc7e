package org.coloconsole.colo;

/** The console's QMP connection to one side. */
public enum ConnectionStatus {
    NEVER_CONNECTED,
    CONNECTING,
    CONNECTED,
    DISCONNECTED
}
