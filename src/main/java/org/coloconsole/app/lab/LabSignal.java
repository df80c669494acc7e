package org.coloconsole.app.lab;

/** Signals a test may send to one side of the lab to simulate a fault. */
public enum LabSignal {
    /** Asks QEMU to exit. */
    TERM,
    /** The process is gone at once: a crashed host. */
    KILL,
    /** The process freezes with its sockets open: a hung host. */
    STOP,
    /** Undoes {@link #STOP}. */
    CONT
}
