package org.coloconsole.qmp;

import java.time.Instant;
import java.util.Optional;

/**
 * QEMU's own time for an event. QEMU sends -1/-1 when its host clock failed: that is kept as "unknown", not
 * turned into 1969.
 */
public record QmpTimestamp(long seconds, long microseconds) {

    public static final QmpTimestamp UNKNOWN = new QmpTimestamp(-1, -1);

    /** False for QEMU's -1/-1 and for values no clock can have (a bogus peer must not break a reader). */
    public boolean known() {
        return seconds >= 0 && microseconds >= 0 && microseconds < 1_000_000
                && seconds <= Instant.MAX.getEpochSecond();
    }

    public Optional<Instant> instant() {
        return known() ? Optional.of(Instant.ofEpochSecond(seconds, microseconds * 1_000L)) : Optional.empty();
    }

    @Override
    public String toString() {
        return known() ? seconds + "." + String.format("%06d", microseconds) : "unknown";
    }
}
