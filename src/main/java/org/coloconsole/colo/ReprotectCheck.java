package org.coloconsole.colo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one rule that says whether protection can be restored from these two QEMUs (checked before anything is sent):
 * the survivor runs alone, the new side waits with {@code -incoming defer} and nobody else's COLO, both run the same
 * QEMU, and the new side has the secondary's parts for every part the survivor has.
 */
public final class ReprotectCheck {
    private ReprotectCheck() {
    }

    /** Why the flow cannot start, one sentence each. */
    public record Problem(Kind kind, String sentence) {
    }

    public enum Kind {
        SURVIVOR_IN_COLO,
        SURVIVOR_NOT_RUNNING,
        SURVIVOR_STILL_REPLICATING,
        NEW_SIDE_IN_COLO,
        NEW_SIDE_NOT_WAITING,
        VERSION_MISMATCH,
        NEW_SIDE_NO_REPLICA_DISK,
        NEW_SIDE_NO_EXPORT_DRIVE,
        NEW_SIDE_NO_PROXY,
        NEW_SIDE_NO_REWRITER,
        CHARDEV_PORT_MISMATCH
    }

    public static List<Problem> problems(ReprotectFacts facts, ReprotectOptions options) {
        List<Problem> problems = new ArrayList<>();
        if (!facts.survivorMode().is(ColoMode.NONE)) {
            problems.add(new Problem(Kind.SURVIVOR_IN_COLO, "The survivor reports COLO mode "
                    + facts.survivorMode().raw() + ": it is not running alone (fail over first)."));
        }
        if (!facts.survivorRun().is(RunState.RUNNING)) {
            problems.add(new Problem(Kind.SURVIVOR_NOT_RUNNING, "The survivor's guest is " + facts.survivorRun().raw()
                    + ", not running: restore protection only from a side that serves."));
        }
        Optional<QuorumDisk> disk = facts.survivor().disk();
        if (disk.isPresent() && disk.get().replicationToPeer().isPresent()) {
            problems.add(new Problem(Kind.SURVIVOR_STILL_REPLICATING, "The survivor's disk still has the replication "
                    + "child " + disk.get().replicationToPeer().get().nodeName() + ": run the failover runbook to "
                    + "the end first."));
        }
        if (!facts.freshMode().is(ColoMode.NONE)) {
            problems.add(new Problem(Kind.NEW_SIDE_IN_COLO, "The new side reports COLO mode "
                    + facts.freshMode().raw() + ": it is in COLO already, perhaps with another primary."));
        }
        if (!facts.freshRun().is(RunState.INMIGRATE)) {
            problems.add(new Problem(Kind.NEW_SIDE_NOT_WAITING, "The new side is " + facts.freshRun().raw()
                    + ", not waiting for a migration: start it with -incoming defer."));
        }
        if (!sameVersion(facts)) {
            problems.add(new Problem(Kind.VERSION_MISMATCH, "The survivor runs QEMU " + facts.survivorVersion()
                    + " and the new side " + facts.freshVersion() + ": COLO needs the same QEMU on both."));
        }
        if (disk.isPresent()) {
            Optional<QuorumDisk> freshDisk = facts.fresh().disk();
            if (freshDisk.isEmpty() || freshDisk.get().replica().isEmpty()
                    || !freshDisk.get().device().equals(disk.get().device())) {
                problems.add(new Problem(Kind.NEW_SIDE_NO_REPLICA_DISK, "The new side has no quorum disk "
                        + disk.get().device() + " over a replication (mode=secondary) child, as the survivor's "
                        + "disk needs."));
            }
            if (!facts.freshDrives().contains(options.export())) {
                problems.add(new Problem(Kind.NEW_SIDE_NO_EXPORT_DRIVE, "The new side has no drive "
                        + options.export() + " to receive the survivor's disk (its drives: "
                        + String.join(", ", facts.freshDrives()) + ")."));
            }
        }
        SecondaryWiring wiring = SecondaryWiring.of(facts.fresh());
        boolean survivorNetwork = facts.survivor().has(ProxyKind.FILTER_REWRITER)
                || facts.survivor().chardev(ReprotectPlan.MIRROR).isPresent();
        if (survivorNetwork && (wiring.fromMirror().isEmpty() || wiring.toCompare().isEmpty()
                || wiring.netdev().isEmpty())) {
            problems.add(new Problem(Kind.NEW_SIDE_NO_PROXY, "The new side has no filter-redirectors reading from "
                    + "and writing to socket chardevs (red0, red1 in QEMU's guide): its network would not be "
                    + "compared."));
        }
        if (wiring.proxied() && !facts.fresh().has(ProxyKind.FILTER_REWRITER)) {
            problems.add(new Problem(Kind.NEW_SIDE_NO_REWRITER, "The new side's network is redirected but it has no "
                    + "filter-rewriter."));
        }
        portMismatch(facts.survivor(), ReprotectPlan.MIRROR, wiring.fromMirror()).ifPresent(problems::add);
        portMismatch(facts.survivor(), ReprotectPlan.COMPARE_SECONDARY_IN, wiring.toCompare())
                .ifPresent(problems::add);
        return List.copyOf(problems);
    }

    private static boolean sameVersion(ReprotectFacts facts) {
        return facts.survivorVersion().major() == facts.freshVersion().major()
                && facts.survivorVersion().minor() == facts.freshVersion().minor()
                && facts.survivorVersion().micro() == facts.freshVersion().micro();
    }

    /** The survivor keeps a chardev (a former primary) that listens elsewhere than where the new side connects. */
    private static Optional<Problem> portMismatch(Topology survivor, String label,
                                                  Optional<SecondaryWiring.Address> peer) {
        Optional<SecondaryWiring.Address> own = survivor.chardev(label).flatMap(SocketChardev::address)
                .flatMap(SecondaryWiring.Address::parse);
        if (own.isEmpty() || peer.isEmpty() || own.get().port() == peer.get().port()) {
            return Optional.empty();
        }
        return Optional.of(new Problem(Kind.CHARDEV_PORT_MISMATCH, "The survivor's " + label + " listens on port "
                + own.get().port() + " but the new side connects to " + peer.get() + ": start the new side with "
                + "port " + own.get().port() + "."));
    }
}
