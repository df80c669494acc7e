package org.coloconsole.colo;

import java.time.Instant;
import java.util.Optional;
import org.coloconsole.qmp.QmpEvent;
import org.coloconsole.qmp.QmpValue;

/** QEMU events become observations; an event we do not model is kept as {@link Observation.OtherEvent}. */
public final class EventDecoder {
    private EventDecoder() {
    }

    public static Observation decode(Side side, QmpEvent event) {
        return decode(side, event, event.receivedAt());
    }

    /** @param at the console's time for the event, on the line every duration is judged on (a monotonic one) */
    public static Observation decode(Side side, QmpEvent event, Instant at) {
        QmpValue data = event.data();
        switch (event.name()) {
            case "COLO_EXIT":
                return new Observation.ColoExit(side, at,
                        Tag.of(ColoMode.class, data.string("mode").orElse("unknown")),
                        Tag.of(ColoExitReason.class, data.string("reason").orElse("unknown")),
                        data.string("error"), event.timestamp(), event.raw());
            case "STOP":
                return new Observation.Stopped(side, at);
            case "RESUME":
                return new Observation.Resumed(side, at);
            case "SHUTDOWN":
                return new Observation.Shutdown(side, at, data.bool("guest").orElse(false),
                        data.string("reason").orElse(""));
            case "RESET":
                return new Observation.Reset(side, at, data.bool("guest").orElse(false),
                        data.string("reason").orElse(""));
            case "MIGRATION":
                return new Observation.MigrationChanged(side, at, data.string("status").orElse("unknown"));
            case "MIGRATION_PASS":
                return new Observation.MigrationPass(side, at, data.integer("pass").orElse(-1));
            case "JOB_STATUS_CHANGE":
                return new Observation.JobStatusChanged(side, at, data.string("id").orElse("?"),
                        data.string("status").orElse("unknown"));
            case "BLOCK_JOB_COMPLETED":
            case "BLOCK_JOB_CANCELLED":
            case "BLOCK_JOB_ERROR":
            case "BLOCK_JOB_READY":
                return new Observation.BlockJobEvent(side, at, event.name(),
                        data.string("device").or(() -> data.string("id")).orElse("?"), blockJobError(event), event.raw());
            default:
                return new Observation.OtherEvent(side, at, event.name(), event.raw());
        }
    }

    /** COMPLETED carries QEMU's error text when the job failed; ERROR only says which I/O failed and what QEMU did. */
    private static Optional<String> blockJobError(QmpEvent event) {
        QmpValue data = event.data();
        if ("BLOCK_JOB_ERROR".equals(event.name())) {
            return Optional.of(data.string("operation").orElse("an I/O") + " error (QEMU's action: "
                    + data.string("action").orElse("unknown") + ")");
        }
        return data.string("error");
    }
}
