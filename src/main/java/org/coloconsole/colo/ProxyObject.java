package org.coloconsole.colo;

import java.util.Map;
import java.util.Optional;

/**
 * One object of a side's COLO proxy, with the names it refers to (read with {@code qom-get}).
 *
 * @param type  its {@code qom-type}, e.g. {@code filter-redirector}
 * @param links the properties naming other parts: netdev, indev, outdev, primary_in, secondary_in, iothread
 */
public record ProxyObject(String id, Tag<ProxyKind> type, Map<Link, String> links) {

    public ProxyObject {
        links = Map.copyOf(links);
    }

    /** A property of a filter or of colo-compare that names another object, a chardev or the netdev. */
    public enum Link {
        NETDEV("netdev"),
        INDEV("indev"),
        OUTDEV("outdev"),
        PRIMARY_IN("primary_in"),
        SECONDARY_IN("secondary_in"),
        IOTHREAD("iothread");

        private final String property;

        Link(String property) {
            this.property = property;
        }

        /** The QOM property's name. */
        public String property() {
            return property;
        }
    }

    public boolean is(ProxyKind kind) {
        return type.is(kind);
    }

    public Optional<String> link(Link link) {
        return Optional.ofNullable(links.get(link));
    }
}
