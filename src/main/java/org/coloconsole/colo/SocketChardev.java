package org.coloconsole.colo;

import java.util.Optional;

/**
 * A chardev of a side ({@code query-chardev}). For a socket: its address as QEMU writes it, e.g.
 * {@code tcp:127.0.0.1:9703}, and whether it is connected now (QEMU prefixes {@code disconnected:} when not).
 * QEMU writes a connected socket as {@code LOCAL <-> PEER}: for a client the local part is its own ephemeral port,
 * and where it connects to is the peer.
 *
 * @param server whether it listens ({@code server=on})
 * @param peer   the other end of a connected socket, {@code HOST:PORT}
 */
public record SocketChardev(String label, Optional<String> address, boolean connected, boolean server,
                            Optional<String> peer) {

    public SocketChardev(String label, Optional<String> address, boolean connected) {
        this(label, address, connected, false, Optional.empty());
    }

    /**
     * Where a client socket connects (the peer while connected, its configured address otherwise); for a server,
     * where it listens.
     */
    public Optional<String> target() {
        if (!server && connected && peer.isPresent() && address.isPresent()) {
            String scheme = address.get().substring(0, address.get().indexOf(':') + 1);
            return Optional.of(scheme + peer.get());
        }
        return address;
    }
}
