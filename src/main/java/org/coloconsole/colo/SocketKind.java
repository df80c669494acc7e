package org.coloconsole.colo;

import org.coloconsole.qmp.Endpoint;

/**
 * How the console reaches a side's monitor. It decides what a closed or refused connection proves
 * ({@link DeathEvidence}): a UNIX socket is on this host, so only its own QEMU can close it; a TCP peer's reset or
 * refusal can come from a firewall, a conntrack flush or the other host's kernel while QEMU still runs.
 */
public enum SocketKind {
    /** A UNIX socket: on this host, served by the QEMU process itself. */
    LOCAL_UNIX,
    /** Plain TCP: anything on the path can reset or refuse. */
    TCP,
    /** TLS over TCP: the same as TCP for what a reset proves. */
    TLS;

    public static SocketKind of(Endpoint endpoint) {
        if (endpoint instanceof Endpoint.Unix) {
            return LOCAL_UNIX;
        }
        return endpoint instanceof Endpoint.Tls ? TLS : TCP;
    }

    /** "a UNIX socket", "TCP"…, as a sentence says it. */
    public String words() {
        return switch (this) {
            case LOCAL_UNIX -> "a UNIX socket on this host";
            case TCP -> "TCP";
            case TLS -> "TLS";
        };
    }
}
