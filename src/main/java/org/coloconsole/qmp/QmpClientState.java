package org.coloconsole.qmp;

/** The life of one client: {@code IDLE → CONNECTING → RUNNING → DISCONNECTING → IDLE}, and again. */
public enum QmpClientState {
    /** No connection. */
    IDLE,
    /** Opening the socket, reading the greeting, negotiating capabilities. */
    CONNECTING,
    /** Negotiated: commands and events flow. */
    RUNNING,
    /** Closing; pending calls are being failed. */
    DISCONNECTING
}
