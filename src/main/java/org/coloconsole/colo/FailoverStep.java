package org.coloconsole.colo;

import java.util.Map;

/**
 * One step of a failover runbook: which QMP command goes to which side, and a sentence saying why.
 *
 * @param outOfBand send with {@code exec-oob} (yank must overtake a monitor stuck on migration)
 */
public record FailoverStep(Kind kind, Side side, String command, Map<String, Object> arguments, boolean outOfBand,
                           String sentence) {

    public FailoverStep {
        arguments = Map.copyOf(arguments);
    }

    public enum Kind {
        FENCE_STOP,
        FENCE_QUIT,
        YANK,
        LOST_HEARTBEAT,
        /** Stop the fenced side again: a COLO checkpoint between the first stop and the lost-heartbeat resumes it. */
        REFENCE_STOP,
        /** Close the promoted secondary's NBD server: its disk stays exported, writable, otherwise. */
        STOP_NBD_SERVER,
        /** Take the replication child out of the primary's quorum disk. */
        DETACH_REPLICATION,
        /** Delete the detached replication node (and its NBD connection). */
        DELETE_REPLICATION_NODE,
        /** Delete a COLO proxy object (compare, its iothread, a filter) from the survivor's packet path. */
        DELETE_OBJECT,
        /** Remove a chardev that pointed at the other side. */
        REMOVE_CHARDEV,
        VERIFY,
        /** Not a QMP command: the runner probes the survivor's service until it answers or the bound passes. */
        PROBE_SERVICE;

        /**
         * Steps that take a part of COLO out of the survivor: a part that is gone already, or that QEMU will not
         * remove, is skipped with QEMU's answer as a note, never an abort (the probe of the service decides).
         */
        public boolean dismantles() {
            return this == STOP_NBD_SERVER || this == DETACH_REPLICATION || this == DELETE_REPLICATION_NODE
                    || this == DELETE_OBJECT || this == REMOVE_CHARDEV;
        }
    }
}
