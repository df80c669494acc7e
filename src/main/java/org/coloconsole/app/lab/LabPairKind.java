package org.coloconsole.app.lab;

/** What a lab pair is made of. */
public enum LabPairKind {
    /** No disk, no NIC, no guest: COLO checkpoints RAM and device state only. Fast to start; for most tests. */
    MINIMAL,
    /**
     * As QEMU's COLO guide builds a pair: a quorum disk replicated over NBD, the NIC's traffic through the COLO proxy
     * (filter-mirror, redirectors and colo-compare on the primary; redirectors and rewriter on the secondary), and a
     * Linux guest that writes a counter to its disk and serves it over HTTP through a forwarded port per side.
     */
    FULL,
    /**
     * The full pair's QEMUs never put under COLO, for protecting a plain pair from the console: the primary runs the
     * guest with the guide's primary disk and proxy chardevs but none of the proxy's objects, so that the guest
     * serves alone (colo-compare releases the packets it holds only at a checkpoint, which needs COLO); the
     * secondary waits with {@code -incoming defer} and empty disks.
     */
    FULL_UNPROTECTED;

    /** Whether the pair has the full pair's disk, NIC and guest. */
    public boolean full() {
        return this != MINIMAL;
    }

    /** Whether {@link LabPair#start} brings COLO up, or leaves that to the console. */
    public boolean protectedAtStart() {
        return this != FULL_UNPROTECTED;
    }
}
