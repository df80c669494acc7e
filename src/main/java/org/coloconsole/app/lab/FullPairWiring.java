package org.coloconsole.app.lab;

import java.nio.file.Path;
import java.util.List;

/**
 * The ports and files of a full lab pair, named as in QEMU's COLO guide (docs/colo-behaviour.md, "A full pair").
 *
 * @param mirrorPort      the primary's filter-mirror sends the guest's packets here; the secondary's {@code red0} reads
 * @param secondaryInPort the secondary's packets ({@code red1}) reach the primary's colo-compare here
 *                        ({@code compare1}, which waits for the secondary when QEMU starts)
 * @param compareInPort   the primary's own packets to colo-compare ({@code compare0} / {@code compare0-0})
 * @param compareOutPort  colo-compare's verdict back into the primary's NIC ({@code compare_out} /
 *                        {@code compare_out0})
 * @param nbdPort         the secondary's NBD server, through which the primary writes the replicated disk
 * @param primaryService  host port forwarded to the primary guest's port 80
 * @param secondaryService host port forwarded to the secondary guest's port 80
 * @param guest           kernel and initramfs
 * @param disks           the directory of the disk images
 */
record FullPairWiring(int mirrorPort, int secondaryInPort, int compareInPort, int compareOutPort, int nbdPort,
                      int primaryService, int secondaryService, LabGuest guest, Path disks) {
    static final int PORTS = 7;
    static final String DISK_SIZE = "16M";

    /** Takes {@link #PORTS} free ports in order. */
    static FullPairWiring of(List<Integer> ports, LabGuest guest, Path disks) {
        return new FullPairWiring(ports.get(0), ports.get(1), ports.get(2), ports.get(3), ports.get(4), ports.get(5),
                ports.get(6), guest, disks);
    }

    int servicePort(LabSide side) {
        return side == LabSide.PRIMARY ? primaryService : secondaryService;
    }

    Path primaryDisk() {
        return disks.resolve("primary.qcow2");
    }

    /** The secondary's copy of the primary's disk, which the primary writes over NBD. */
    Path secondaryParent() {
        return disks.resolve("secondary-parent.qcow2");
    }

    Path secondaryActive() {
        return disks.resolve("secondary-active.qcow2");
    }

    Path secondaryHidden() {
        return disks.resolve("secondary-hidden.qcow2");
    }

    /** A secondary's three images: its copy of the primary's disk, and the replication driver's layers. */
    record Images(Path parent, Path active, Path hidden) {
        List<Path> all() {
            return List.of(parent, active, hidden);
        }
    }

    /**
     * The images of a secondary in that slot: the secondary's own, or, for a new secondary started where the primary
     * ran (the roles swapped), images of its own beside the survivor's.
     */
    Images secondaryImages(LabSide slot) {
        if (slot == LabSide.SECONDARY) {
            return new Images(secondaryParent(), secondaryActive(), secondaryHidden());
        }
        return new Images(disks.resolve("primary-side-parent.qcow2"), disks.resolve("primary-side-active.qcow2"),
                disks.resolve("primary-side-hidden.qcow2"));
    }
}
