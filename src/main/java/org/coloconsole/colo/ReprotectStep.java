package org.coloconsole.colo;

import java.util.Map;

/**
 * One step of restoring protection (docs/colo-full-pair.md, "Resume replication on the survivor"): which QMP command
 * goes to which side, and a sentence saying why. The survivor plays the {@link Side#PRIMARY}, the new QEMU the
 * {@link Side#SECONDARY}. A step whose kind {@link Kind#waits() waits} sends nothing: the runner polls until it holds.
 */
public record ReprotectStep(Kind kind, Side side, String command, Map<String, Object> arguments, String sentence) {

    public ReprotectStep {
        arguments = Map.copyOf(arguments);
    }

    public enum Kind {
        /** A socket chardev of a primary's proxy, missing on the survivor (a former secondary has none). */
        ADD_CHARDEV,
        /** x-colo and events on the new side (QEMU 10 refuses the COLO stream otherwise; 7.2 accepts it). */
        NEW_SIDE_CAPABILITIES,
        START_NBD,
        EXPORT_DISK,
        /** drive-mirror of the survivor's disk into the new side's export: a job, visible in the jobs pane. */
        MIRROR,
        /** Wait until the mirror is ready (source and target in step). */
        AWAIT_MIRROR_READY,
        /** The new side listens for the COLO stream. */
        INCOMING,
        ENABLE_COLO,
        SET_CHECKPOINT_DELAY,
        /** The outage window opens: the survivor's guest stops until COLO runs. */
        STOP_GUEST,
        CANCEL_MIRROR,
        AWAIT_MIRROR_GONE,
        ADD_REPLICATION_NODE,
        ATTACH_REPLICATION,
        ADD_OBJECT,
        MIGRATE,
        /** Wait until both sides report their COLO mode and the survivor's migration is colo. */
        AWAIT_COLO,
        /** Wait for a checkpoint after COLO came up. */
        AWAIT_CHECKPOINT,
        /** Undo: take a part added by the flow out again (from a fresh discovery of the survivor). */
        UNDO_PART,
        /** Undo: the survivor left in COLO by a half-done flow leaves it again. */
        LEAVE_COLO,
        /** Undo: the survivor's x-colo capability off, so that no later migration starts COLO. */
        DISABLE_COLO,
        /** Undo: the new side's NBD server closed, so that a re-run can start it again. */
        STOP_NBD,
        /** Undo: the survivor's guest runs again (the window closes). */
        RESUME_GUEST;

        public boolean waits() {
            return this == AWAIT_MIRROR_READY || this == AWAIT_MIRROR_GONE || this == AWAIT_COLO
                    || this == AWAIT_CHECKPOINT;
        }

        /** Undo steps: a failure is noted and the undo carries on, so that the survivor ends up running. */
        public boolean undoes() {
            return this == UNDO_PART || this == LEAVE_COLO || this == DISABLE_COLO || this == STOP_NBD
                    || this == RESUME_GUEST;
        }
    }
}
