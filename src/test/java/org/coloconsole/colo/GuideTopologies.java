package org.coloconsole.colo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The topologies of a pair built as QEMU's guide builds it (docs/colo-full-pair.md), and parts of them. */
final class GuideTopologies {
    private GuideTopologies() {
    }

    static final QuorumDisk.NbdTarget NBD = new QuorumDisk.NbdTarget("127.0.0.1", 9799, "parent0");

    static Topology primary() {
        return primary(true, true, true, true);
    }

    /** The guide's primary with or without its replication child, its compare (and iothread), mirror, redirectors. */
    static Topology primary(boolean replicationChild, boolean compare, boolean mirror, boolean redirectors) {
        List<QuorumDisk.Child> children = new ArrayList<>();
        children.add(new QuorumDisk.Child("children.0", "#block123", "qcow2", Optional.empty()));
        if (replicationChild) {
            children.add(new QuorumDisk.Child("children.1", "replication0", "replication", Optional.of(NBD)));
        }
        List<ProxyObject> proxy = new ArrayList<>();
        if (mirror) {
            proxy.add(object("m0", ProxyKind.FILTER_MIRROR, Map.of(ProxyObject.Link.NETDEV, "hn0",
                    ProxyObject.Link.OUTDEV, "mirror0")));
        }
        if (redirectors) {
            proxy.add(object("redire0", ProxyKind.FILTER_REDIRECTOR, Map.of(ProxyObject.Link.NETDEV, "hn0",
                    ProxyObject.Link.INDEV, "compare_out")));
            proxy.add(object("redire1", ProxyKind.FILTER_REDIRECTOR, Map.of(ProxyObject.Link.NETDEV, "hn0",
                    ProxyObject.Link.OUTDEV, "compare0")));
        }
        if (compare) {
            proxy.add(object("iothread1", ProxyKind.IOTHREAD, Map.of()));
            proxy.add(object("comp0", ProxyKind.COLO_COMPARE, Map.of(ProxyObject.Link.PRIMARY_IN, "compare0-0",
                    ProxyObject.Link.SECONDARY_IN, "compare1", ProxyObject.Link.OUTDEV, "compare_out0",
                    ProxyObject.Link.IOTHREAD, "iothread1")));
        }
        List<SocketChardev> chardevs = new ArrayList<>();
        for (String label : List.of("mirror0", "compare1", "compare0", "compare0-0", "compare_out", "compare_out0")) {
            chardevs.add(new SocketChardev(label, Optional.of("tcp:127.0.0.1:9701"), true));
        }
        return new Topology(Optional.of(new QuorumDisk("colo-disk0", "#block456", children)), List.of(), List.of(),
                proxy, chardevs);
    }

    static Topology secondary() {
        return secondary(true, true, true);
    }

    static Topology secondary(boolean exported, boolean redirectors, boolean chardevs) {
        QuorumDisk disk = new QuorumDisk("colo-disk0", "#block789", List.of(
                new QuorumDisk.Child("children.0", "childs0", "replication", Optional.empty())));
        List<ProxyObject> proxy = new ArrayList<>();
        if (redirectors) {
            proxy.add(object("f1", ProxyKind.FILTER_REDIRECTOR, Map.of(ProxyObject.Link.NETDEV, "hn0",
                    ProxyObject.Link.INDEV, "red0")));
            proxy.add(object("f2", ProxyKind.FILTER_REDIRECTOR, Map.of(ProxyObject.Link.NETDEV, "hn0",
                    ProxyObject.Link.OUTDEV, "red1")));
        }
        proxy.add(object("rew0", ProxyKind.FILTER_REWRITER, Map.of(ProxyObject.Link.NETDEV, "hn0")));
        List<SocketChardev> devs = new ArrayList<>();
        if (chardevs) {
            devs.add(new SocketChardev("red0", Optional.of("tcp:127.0.0.1:9703"), true));
            devs.add(new SocketChardev("red1", Optional.of("tcp:127.0.0.1:9704"), true));
        }
        List<BlockExport> exports = exported ? List.of(new BlockExport("parent0", "parent0", "nbd")) : List.of();
        return new Topology(Optional.of(disk), List.of(), exports, proxy, devs);
    }

    static ProxyObject object(String id, ProxyKind kind, Map<ProxyObject.Link, String> links) {
        return new ProxyObject(id, new Tag<>(kind, kind.name().toLowerCase().replace('_', '-')), links);
    }
}
