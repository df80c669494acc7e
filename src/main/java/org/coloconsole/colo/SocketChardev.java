package org.coloconsole.colo;

import java.util.Optional;

/**
 * A chardev of a side ({@code query-chardev}). For a socket: its address as QEMU writes it, e.g.
 * {@code tcp:127.0.0.1:9703}, and whether it is connected now (QEMU prefixes {@code disconnected:} when not).
 */
public record SocketChardev(String label, Optional<String> address, boolean connected) {
}
