package org.coloconsole.colo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a side's COLO is made of, as discovered over QMP (docs/colo-full-pair.md): the quorum disk and its replication
 * child, the NBD exports, the COLO proxy's objects and the socket chardevs they use. A skeleton pair (no disk, no NIC)
 * has none of them: COLO then replicates RAM only, and the failover is the lost-heartbeat alone.
 */
public record Topology(Optional<QuorumDisk> disk, List<String> looseReplicationNodes, List<BlockExport> exports,
                       List<ProxyObject> proxy, List<SocketChardev> chardevs) {

    /**
     * @param looseReplicationNodes replication nodes no quorum holds any more: what a failover interrupted between
     *                              {@code x-blockdev-change} and {@code drive_del} leaves behind
     */
    public Topology {
        looseReplicationNodes = List.copyOf(looseReplicationNodes);
        exports = List.copyOf(exports);
        proxy = List.copyOf(proxy);
        chardevs = List.copyOf(chardevs);
    }

    /** Nothing discovered: no disk, no proxy (a skeleton pair, or not read yet). */
    public static Topology empty() {
        return new Topology(Optional.empty(), List.of(), List.of(), List.of(), List.of());
    }

    /** A part COLO needs that this side lacks, given the role it plays now. */
    public enum Warning {
        NO_REPLICATION_CHILD("the disk has no replication child: writes are not replicated"),
        NO_NBD_EXPORT("the replica disk is not exported over NBD: the primary cannot write to it"),
        NO_COLO_COMPARE("the network is mirrored but there is no colo-compare: output is not compared"),
        NO_FILTER_MIRROR("colo-compare has no filter-mirror feeding the secondary"),
        NO_REWRITER("the network is redirected but there is no filter-rewriter"),
        MISSING_CHARDEV("a proxy object names a chardev this side does not have");

        private final String sentence;

        Warning(String sentence) {
            this.sentence = sentence;
        }

        public String sentence() {
            return sentence;
        }
    }

    public List<ProxyObject> objects(ProxyKind kind) {
        return proxy.stream().filter(o -> o.is(kind)).collect(Collectors.toList());
    }

    public boolean has(ProxyKind kind) {
        return proxy.stream().anyMatch(o -> o.is(kind));
    }

    public Optional<SocketChardev> chardev(String label) {
        return chardevs.stream().filter(c -> c.label().equals(label)).findFirst();
    }

    public boolean exportsDisk() {
        return exports.stream().anyMatch(e -> e.type().equals("nbd"));
    }

    /** No disk and no proxy: the minimal pair. */
    public boolean skeleton() {
        return disk.isEmpty() && proxy.isEmpty() && exports.isEmpty() && looseReplicationNodes.isEmpty();
    }

    /** What this side lacks for the role it plays; nothing for a skeleton (it never had a disk or a NIC to lack). */
    public List<Warning> warnings(Side role) {
        List<Warning> warnings = new ArrayList<>();
        if (role == Side.PRIMARY) {
            if (disk.isPresent() && disk.get().replicationToPeer().isEmpty() && disk.get().replica().isEmpty()) {
                warnings.add(Warning.NO_REPLICATION_CHILD);
            }
            if (has(ProxyKind.FILTER_MIRROR) && !has(ProxyKind.COLO_COMPARE)) {
                warnings.add(Warning.NO_COLO_COMPARE);
            }
            if (has(ProxyKind.COLO_COMPARE) && !has(ProxyKind.FILTER_MIRROR)) {
                warnings.add(Warning.NO_FILTER_MIRROR);
            }
        } else {
            if (disk.isPresent() && disk.get().replica().isEmpty()) {
                warnings.add(Warning.NO_REPLICATION_CHILD);
            } else if (disk.isPresent() && !exportsDisk()) {
                warnings.add(Warning.NO_NBD_EXPORT);
            }
            if (has(ProxyKind.FILTER_REDIRECTOR) && !has(ProxyKind.FILTER_REWRITER)) {
                warnings.add(Warning.NO_REWRITER);
            }
        }
        for (ProxyObject object : proxy) {
            for (ProxyObject.Link link : List.of(ProxyObject.Link.INDEV, ProxyObject.Link.OUTDEV,
                    ProxyObject.Link.PRIMARY_IN, ProxyObject.Link.SECONDARY_IN)) {
                if (object.link(link).filter(name -> chardev(name).isEmpty()).isPresent()
                        && !warnings.contains(Warning.MISSING_CHARDEV)) {
                    warnings.add(Warning.MISSING_CHARDEV);
                }
            }
        }
        return List.copyOf(warnings);
    }

    /** One line for the side's card, e.g. "disk: replicated via NBD to 127.0.0.1:9799 · network: compared". */
    public String summary() {
        if (skeleton()) {
            return "no disk, no network in COLO (RAM only)";
        }
        return "disk: " + diskSummary() + " · network: " + networkSummary();
    }

    private String diskSummary() {
        if (disk.isEmpty()) {
            return "none in COLO";
        }
        Optional<QuorumDisk.Child> toPeer = disk.get().replicationToPeer();
        if (toPeer.isPresent()) {
            return "replicated via NBD to " + toPeer.get().nbd().orElseThrow();
        }
        if (disk.get().replica().isPresent()) {
            return exportsDisk() ? "replica, exported over NBD ("
                    + exports.stream().map(BlockExport::id).collect(Collectors.joining(", ")) + ")"
                    : "replica, not exported";
        }
        return exportsDisk() ? "local, still exported over NBD" : "local, not replicated";
    }

    private String networkSummary() {
        if (has(ProxyKind.COLO_COMPARE)) {
            return "compared";
        }
        if (has(ProxyKind.FILTER_MIRROR)) {
            return "mirrored, not compared";
        }
        if (has(ProxyKind.FILTER_REDIRECTOR)) {
            return has(ProxyKind.FILTER_REWRITER) ? "redirected from the primary, rewritten" : "redirected";
        }
        return has(ProxyKind.FILTER_REWRITER) ? "direct (rewriter left for re-protection)" : "direct";
    }
}
