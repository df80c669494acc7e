package org.coloconsole.colo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.coloconsole.qmp.QmpValue;

/**
 * QEMU's answers to the discovery queries (docs/colo-full-pair.md) become a {@link Topology}: {@code qom-list /objects}
 * names the proxy objects, {@code qom-get} their links, {@code query-named-block-nodes} and
 * {@code x-debug-query-block-graph} the quorum and its children, {@code query-block-exports} the exports and
 * {@code query-chardev} the chardevs.
 */
public final class TopologyDecoder {
    private TopologyDecoder() {
    }

    /** A proxy object named by {@code qom-list /objects}, before its links are read. */
    public record Named(String id, Tag<ProxyKind> type) {
    }

    /** The COLO proxy's objects among {@code qom-list /objects} (entries typed {@code child<TYPE>}). */
    public static List<Named> proxyObjects(QmpValue qomList) {
        List<Named> named = new ArrayList<>();
        for (QmpValue entry : qomList.elements()) {
            String type = entry.string("type").orElse("");
            if (!type.startsWith("child<") || !type.endsWith(">")) {
                continue;
            }
            String qomType = type.substring("child<".length(), type.length() - 1);
            Tag<ProxyKind> kind = Tag.of(ProxyKind.class, qomType);
            if (!kind.is(ProxyKind.UNKNOWN)) {
                named.add(new Named(entry.string("name").orElse("?"), kind));
            }
        }
        return named;
    }

    /** The properties worth a {@code qom-get} for an object of this kind. */
    public static List<ProxyObject.Link> linksOf(ProxyKind kind) {
        switch (kind) {
            case COLO_COMPARE:
                return List.of(ProxyObject.Link.PRIMARY_IN, ProxyObject.Link.SECONDARY_IN, ProxyObject.Link.OUTDEV,
                        ProxyObject.Link.IOTHREAD);
            case FILTER_MIRROR:
            case FILTER_REDIRECTOR:
            case FILTER_REWRITER:
                return List.of(ProxyObject.Link.NETDEV, ProxyObject.Link.INDEV, ProxyObject.Link.OUTDEV);
            default:
                return List.of();
        }
    }

    /** A {@code qom-get} answer for a link: a link property answers a QOM path, a string property the name. */
    public static Optional<String> linkValue(QmpValue answer) {
        if (!answer.isString() || answer.asText().isEmpty()) {
            return Optional.empty();
        }
        String text = answer.asText();
        return Optional.of(text.substring(text.lastIndexOf('/') + 1));
    }

    public static Topology assemble(List<ProxyObject> proxy, QmpValue namedNodes, QmpValue graph, QmpValue exports,
                                    QmpValue chardevs) {
        Map<String, QmpValue> nodes = new LinkedHashMap<>();
        for (QmpValue node : namedNodes.elements()) {
            node.string("node-name").ifPresent(name -> nodes.put(name, node));
        }
        Graph g = Graph.of(graph);
        Optional<QuorumDisk> disk = Optional.empty();
        List<String> attachedReplication = new ArrayList<>();
        for (QmpValue node : nodes.values()) {
            if (!node.string("drv").orElse("").equals("quorum") || disk.isPresent()) {
                continue;
            }
            String quorum = node.string("node-name").orElseThrow();
            List<QuorumDisk.Child> children = new ArrayList<>();
            for (Edge edge : g.children(quorum)) {
                String driver = Optional.ofNullable(nodes.get(edge.child)).flatMap(n -> n.string("drv")).orElse("?");
                Optional<QuorumDisk.NbdTarget> nbd = Optional.empty();
                if (driver.equals("replication")) {
                    attachedReplication.add(edge.child);
                    nbd = nbdBelow(edge.child, g, nodes);
                }
                children.add(new QuorumDisk.Child(edge.name, edge.child, driver, nbd));
            }
            disk = Optional.of(new QuorumDisk(g.backendOf(quorum).orElse(quorum), quorum, children));
        }
        List<String> loose = new ArrayList<>();
        for (QmpValue node : nodes.values()) {
            String name = node.string("node-name").orElseThrow();
            if (node.string("drv").orElse("").equals("replication") && !attachedReplication.contains(name)
                    && nbdBelow(name, g, nodes).isPresent()) {
                loose.add(name);
            }
        }
        List<BlockExport> exportList = new ArrayList<>();
        for (QmpValue e : exports.elements()) {
            exportList.add(new BlockExport(e.string("id").orElse("?"), e.string("node-name").orElse("?"),
                    e.string("type").orElse("?")));
        }
        List<SocketChardev> chardevList = new ArrayList<>();
        for (QmpValue c : chardevs.elements()) {
            chardevList.add(chardev(c.string("label").orElse("?"), c.string("filename").orElse("")));
        }
        return new Topology(disk, loose, exportList, proxy, chardevList);
    }

    /** {@code disconnected:tcp:H:P[,server=on]}, or {@code tcp:H:P[,server=on] <-> PEER}: QEMU's chardev filename. */
    static SocketChardev chardev(String label, String filename) {
        boolean connected = !filename.startsWith("disconnected:");
        String rest = connected ? filename : filename.substring("disconnected:".length());
        int arrow = rest.indexOf(" <-> ");
        String local = arrow >= 0 ? rest.substring(0, arrow) : rest;
        Optional<String> peer = arrow >= 0 ? Optional.of(rest.substring(arrow + " <-> ".length()).strip())
                : Optional.empty();
        int comma = local.indexOf(',');
        String address = comma >= 0 ? local.substring(0, comma) : local;
        boolean server = comma >= 0 && local.substring(comma).contains("server=on");
        boolean socket = address.startsWith("tcp:") || address.startsWith("unix:");
        return new SocketChardev(label, socket ? Optional.of(address) : Optional.empty(), socket && connected,
                socket && server, socket ? peer : Optional.empty());
    }

    /** The NBD server a replication node writes to: its {@code file} child of driver nbd. */
    private static Optional<QuorumDisk.NbdTarget> nbdBelow(String replication, Graph g,
                                                          Map<String, QmpValue> nodes) {
        for (Edge edge : g.children(replication)) {
            QmpValue child = nodes.get(edge.child);
            if (child != null && child.string("drv").orElse("").equals("nbd")) {
                return nbdTarget(child.string("file").orElse(""));
            }
        }
        return Optional.empty();
    }

    /** {@code nbd://HOST:PORT/EXPORT} (what QEMU names an inet NBD node); anything else is not read. */
    static Optional<QuorumDisk.NbdTarget> nbdTarget(String filename) {
        String prefix = "nbd://";
        if (!filename.startsWith(prefix)) {
            return Optional.of(new QuorumDisk.NbdTarget(filename, 0, ""));
        }
        String rest = filename.substring(prefix.length());
        int slash = rest.indexOf('/');
        String hostPort = slash >= 0 ? rest.substring(0, slash) : rest;
        String export = slash >= 0 ? rest.substring(slash + 1) : "";
        int colon = hostPort.lastIndexOf(':');
        try {
            return Optional.of(colon < 0 ? new QuorumDisk.NbdTarget(hostPort, 10809, export)
                    : new QuorumDisk.NbdTarget(hostPort.substring(0, colon),
                            Integer.parseInt(hostPort.substring(colon + 1)), export));
        } catch (NumberFormatException e) {
            return Optional.of(new QuorumDisk.NbdTarget(filename, 0, ""));
        }
    }

    private record Edge(String name, String child) {
    }

    /** {@code x-debug-query-block-graph}: nodes by numeric id, edges parent → child with the child's role name. */
    private record Graph(Map<Long, QmpValue> nodes, Map<String, List<Edge>> childrenByName,
                         Map<String, String> backendByRoot) {
        static Graph of(QmpValue graph) {
            Map<Long, QmpValue> nodes = new HashMap<>();
            for (QmpValue node : graph.get("nodes").elements()) {
                nodes.put(node.get("id").asLong(-1), node);
            }
            Map<String, List<Edge>> children = new HashMap<>();
            Map<String, String> backends = new HashMap<>();
            for (QmpValue edge : graph.get("edges").elements()) {
                QmpValue parent = nodes.get(edge.get("parent").asLong(-1));
                QmpValue child = nodes.get(edge.get("child").asLong(-1));
                if (parent == null || child == null) {
                    continue;
                }
                String parentName = parent.string("name").orElse("");
                String childName = child.string("name").orElse("");
                if (parent.string("type").orElse("").equals("block-backend")) {
                    backends.put(childName, parentName);
                } else {
                    children.computeIfAbsent(parentName, k -> new ArrayList<>())
                            .add(new Edge(edge.string("name").orElse("?"), childName));
                }
            }
            return new Graph(nodes, children, backends);
        }

        List<Edge> children(String parent) {
            return childrenByName.getOrDefault(parent, List.of());
        }

        Optional<String> backendOf(String node) {
            return Optional.ofNullable(backendByRoot.get(node)).filter(name -> !name.isEmpty());
        }
    }
}
