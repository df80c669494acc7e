package org.coloconsole.colo;

import java.util.Optional;

/**
 * How a secondary's proxy reaches its primary, read from its discovered topology: the redirector that reads the
 * primary's mirrored packets (QEMU's guide: {@code f1}, indev {@code red0}, which connects to the primary's
 * {@code mirror0}) and the one that sends the secondary's packets to colo-compare ({@code f2}, outdev {@code red1},
 * to the primary's {@code compare1}).
 */
public record SecondaryWiring(Optional<String> netdev, Optional<Address> fromMirror, Optional<Address> toCompare) {

    /** A TCP socket address as QEMU writes it in {@code query-chardev}: {@code tcp:HOST:PORT}. */
    public record Address(String host, int port) {
        public static Optional<Address> parse(String text) {
            if (!text.startsWith("tcp:")) {
                return Optional.empty();
            }
            String rest = text.substring("tcp:".length());
            int colon = rest.lastIndexOf(':');
            if (colon <= 0) {
                return Optional.empty();
            }
            try {
                String host = rest.substring(0, colon);
                if (host.startsWith("[") && host.endsWith("]")) {
                    host = host.substring(1, host.length() - 1);
                }
                return Optional.of(new Address(host, Integer.parseInt(rest.substring(colon + 1))));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }

        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    public static SecondaryWiring of(Topology secondary) {
        Optional<String> netdev = Optional.empty();
        Optional<Address> fromMirror = Optional.empty();
        Optional<Address> toCompare = Optional.empty();
        for (ProxyObject filter : secondary.proxy()) {
            if (!filter.is(ProxyKind.FILTER_REDIRECTOR) && !filter.is(ProxyKind.FILTER_REWRITER)) {
                continue;
            }
            if (netdev.isEmpty()) {
                netdev = filter.link(ProxyObject.Link.NETDEV);
            }
            if (filter.is(ProxyKind.FILTER_REDIRECTOR)) {
                if (fromMirror.isEmpty()) {
                    fromMirror = address(secondary, filter.link(ProxyObject.Link.INDEV));
                }
                if (toCompare.isEmpty()) {
                    toCompare = address(secondary, filter.link(ProxyObject.Link.OUTDEV));
                }
            }
        }
        return new SecondaryWiring(netdev, fromMirror, toCompare);
    }

    /** Whether the secondary takes part in COLO's network proxy at all (a skeleton pair does not). */
    public boolean proxied() {
        return fromMirror.isPresent() || toCompare.isPresent();
    }

    private static Optional<Address> address(Topology topology, Optional<String> chardev) {
        return chardev.flatMap(topology::chardev).flatMap(SocketChardev::target).flatMap(Address::parse);
    }
}
