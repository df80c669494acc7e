package org.coloconsole.qmp;

import java.time.Instant;
import java.util.Objects;

/**
 * One QMP event as it arrived.
 *
 * @param name         the event name, e.g. {@code COLO_EXIT}; unknown names are kept as they are
 * @param data         the {@code data} member, {@linkplain QmpValue#isMissing() missing} when the event has none
 * @param timestamp    QEMU's time for the event
 * @param receivedAt   the console's wall-clock time when the line was read
 * @param receivedNanos the console's monotonic time ({@link System#nanoTime()}) when the line was read
 * @param raw          the event's JSON exactly as QEMU sent it (without the line end)
 */
public record QmpEvent(String name, QmpValue data, QmpTimestamp timestamp, Instant receivedAt, long receivedNanos,
                       String raw) {
    public QmpEvent {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(raw, "raw");
    }
}
