package org.coloconsole.qmp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import java.time.Instant;
import java.util.Objects;

/**
 * One QMP event as it arrived.
 *
 * <p>A value class rather than a record for one invariant: {@link #raw()} is always exactly one JSON object on one
 * line, so the journal can embed it as it is without parsing it a second time. A record's public canonical constructor
 * would have to check that on every event; here only the public constructor checks, and the codec, which has just
 * parsed the very bytes, uses the package-private one.
 */
public final class QmpEvent {
    private static final ObjectReader STRICT = QmpValue.MAPPER.reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final String name;
    private final QmpValue data;
    private final QmpTimestamp timestamp;
    private final Instant receivedAt;
    private final long receivedNanos;
    private final String raw;

    /**
     * @param name          the event name, e.g. {@code COLO_EXIT}; unknown names are kept as they are
     * @param data          the {@code data} member, {@linkplain QmpValue#isMissing() missing} when the event has none
     * @param timestamp     QEMU's time for the event
     * @param receivedAt    the console's wall-clock time when the line was read
     * @param receivedNanos the console's monotonic time ({@link System#nanoTime()}) when the line was read
     * @param raw           the event's JSON exactly as QEMU sent it, one object on one line
     * @throws IllegalArgumentException when {@code raw} is not one JSON object on one line
     */
    public QmpEvent(String name, QmpValue data, QmpTimestamp timestamp, Instant receivedAt, long receivedNanos,
                    String raw) {
        this(name, data, timestamp, receivedAt, receivedNanos, requireOneLineObject(raw), true);
    }

    /** For the codec: {@code raw} is the line it has just parsed as one object. */
    QmpEvent(String name, QmpValue data, QmpTimestamp timestamp, Instant receivedAt, long receivedNanos, String raw,
             boolean parsed) {
        this.name = Objects.requireNonNull(name, "name");
        this.data = Objects.requireNonNull(data, "data");
        this.timestamp = Objects.requireNonNull(timestamp, "timestamp");
        this.receivedAt = Objects.requireNonNull(receivedAt, "receivedAt");
        this.receivedNanos = receivedNanos;
        this.raw = Objects.requireNonNull(raw, "raw");
    }

    private static String requireOneLineObject(String raw) {
        Objects.requireNonNull(raw, "raw");
        if (raw.indexOf('\n') >= 0 || raw.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("an event's raw text must be one line: " + raw);
        }
        try {
            JsonNode node = STRICT.readTree(raw);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("an event's raw text must be a JSON object: " + raw);
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("an event's raw text must be one JSON object: "
                    + e.getOriginalMessage(), e);
        }
        return raw;
    }

    public String name() {
        return name;
    }

    public QmpValue data() {
        return data;
    }

    public QmpTimestamp timestamp() {
        return timestamp;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    public long receivedNanos() {
        return receivedNanos;
    }

    /** The event exactly as QEMU sent it (without the line end): one JSON object, no line break. */
    /**
     * About what this event holds in memory: its raw line plus the parsed {@code data} tree (Jackson's nodes take a
     * few times the text they came from). Queues are bounded by this, not by a count, so a side that sends 1 MB events
     * cannot fill the heap with a count-bounded queue.
     */
    public long footprintBytes() {
        return 256L + 4L * raw.length();
    }

    public String raw() {
        return raw;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof QmpEvent that && name.equals(that.name) && data.equals(that.data)
                && timestamp.equals(that.timestamp) && receivedAt.equals(that.receivedAt)
                && receivedNanos == that.receivedNanos && raw.equals(that.raw);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, data, timestamp, receivedAt, receivedNanos, raw);
    }

    @Override
    public String toString() {
        return "QmpEvent[name=" + name + ", data=" + data + ", timestamp=" + timestamp + ", receivedAt=" + receivedAt
                + ", receivedNanos=" + receivedNanos + ", raw=" + raw + "]";
    }
}
