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
    FULL
}
