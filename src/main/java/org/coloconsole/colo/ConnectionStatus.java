package org.coloconsole.colo;

/** The console's QMP connection to one side. */
public enum ConnectionStatus {
    NEVER_CONNECTED,
    CONNECTING,
    CONNECTED,
    DISCONNECTED,
    /**
     * The last attempt was refused on security grounds (TLS, plain TCP off loopback). Still retried, but the console
     * cannot watch this side until a setting changes, and knows nothing of whether its QEMU runs.
     */
    REJECTED
}
