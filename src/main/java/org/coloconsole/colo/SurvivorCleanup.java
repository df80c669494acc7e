package org.coloconsole.colo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The guide's failover sequences (docs/colo-full-pair.md), for the parts the survivor's discovered topology has: a
 * bare lost-heartbeat leaves colo-compare and the filters in a continuing primary's packet path (the VM runs and
 * answers nobody) and leaves a promoted secondary's disk exported over NBD. Planned from a fresh discovery, so a
 * re-run after a crash finds the parts already removed gone and plans only the rest. What re-protection needs stays:
 * the disk, the rewriter, the primary's chardevs.
 */
public final class SurvivorCleanup {
    private SurvivorCleanup() {
    }

    /** Steps before the survivor's {@code x-colo-lost-heartbeat}. */
    public static List<FailoverStep> beforeLostHeartbeat(Side target, Topology survivor) {
        List<FailoverStep> steps = new ArrayList<>();
        if (target == Side.SECONDARY) {
            if (survivor.exportsDisk()) {
                steps.add(step(FailoverStep.Kind.STOP_NBD_SERVER, target, "nbd-server-stop", Map.of(),
                        "Close the " + target.label() + "'s NBD server: its disk must not stay exported once it "
                                + "carries on."));
            }
            return List.copyOf(steps);
        }
        Optional<QuorumDisk> disk = survivor.disk();
        Set<String> replicationNodes = new LinkedHashSet<>(survivor.looseReplicationNodes());
        if (disk.isPresent() && disk.get().replicationToPeer().isPresent()) {
            QuorumDisk.Child child = disk.get().replicationToPeer().get();
            steps.add(step(FailoverStep.Kind.DETACH_REPLICATION, target, "x-blockdev-change",
                    Map.of("parent", disk.get().device(), "child", child.edge()),
                    "Take the replication child " + child.nodeName() + " (" + child.edge() + ") out of "
                            + disk.get().device() + ": the secondary no longer takes its writes."));
            replicationNodes.add(child.nodeName());
        }
        for (String node : replicationNodes) {
            steps.add(step(FailoverStep.Kind.DELETE_REPLICATION_NODE, target, "human-monitor-command",
                    Map.of("command-line", "drive_del " + node),
                    "Delete the replication node " + node + " and its NBD connection."));
        }
        Set<String> objects = new LinkedHashSet<>();
        for (ProxyObject compare : survivor.objects(ProxyKind.COLO_COMPARE)) {
            objects.add(compare.id());
            compare.link(ProxyObject.Link.IOTHREAD).ifPresent(objects::add);
        }
        survivor.objects(ProxyKind.FILTER_MIRROR).forEach(o -> objects.add(o.id()));
        survivor.objects(ProxyKind.FILTER_REDIRECTOR).forEach(o -> objects.add(o.id()));
        for (String id : objects) {
            steps.add(deleteObject(target, id, "take it out of the " + target.label() + "'s packet path"));
        }
        return List.copyOf(steps);
    }

    /** Steps after the survivor's {@code x-colo-lost-heartbeat} (the guide removes the secondary's redirectors then). */
    public static List<FailoverStep> afterLostHeartbeat(Side target, Topology survivor) {
        if (target != Side.SECONDARY) {
            return List.of();
        }
        List<FailoverStep> steps = new ArrayList<>();
        List<ProxyObject> redirectors = new ArrayList<>(survivor.objects(ProxyKind.FILTER_REDIRECTOR));
        Collections.reverse(redirectors);
        Set<String> chardevs = new LinkedHashSet<>();
        for (ProxyObject redirector : redirectors) {
            steps.add(deleteObject(target, redirector.id(), "it redirects packets to or from the other side"));
            for (ProxyObject.Link link : List.of(ProxyObject.Link.OUTDEV, ProxyObject.Link.INDEV)) {
                redirector.link(link).filter(name -> survivor.chardev(name).isPresent()).ifPresent(chardevs::add);
            }
        }
        for (String label : chardevs) {
            steps.add(step(FailoverStep.Kind.REMOVE_CHARDEV, target, "chardev-remove", Map.of("id", label),
                    "Remove the chardev " + label + ": it keeps reconnecting to the other side."));
        }
        return List.copyOf(steps);
    }

    private static FailoverStep deleteObject(Side target, String id, String why) {
        return step(FailoverStep.Kind.DELETE_OBJECT, target, "object-del", Map.of("id", id),
                "Delete " + id + ": " + why + ".");
    }

    private static FailoverStep step(FailoverStep.Kind kind, Side side, String command, Map<String, Object> arguments,
                                     String sentence) {
        return new FailoverStep(kind, side, command, arguments, false, sentence);
    }
}
