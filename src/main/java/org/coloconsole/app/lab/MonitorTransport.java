package org.coloconsole.app.lab;

/** How the console's monitors listen. The harness monitors are always UNIX sockets in the run dir. */
public enum MonitorTransport {
    /** {@code unix:RUN/SIDE-console.sock}. */
    UNIX,
    /** {@code tcp:127.0.0.1:PORT} with {@code nodelay=on} (without it QEMU delays an event followed by a reply). */
    TCP
}
