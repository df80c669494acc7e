package org.coloconsole.colo;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the primary's {@code query-migrate} says of the last checkpoint, when it says anything: how long the guest was
 * paused ({@code downtime}, ms) and how much RAM went to the secondary ({@code ram.transferred}, bytes).
 *
 * <p>QEMU 7.2 and 10.0 say nothing while COLO runs: their answer in status {@code colo} is {@code {"status": "colo"}}
 * alone ({@code fill_source_migration_info} leaves "display COLO specific information (checkpoint info etc.)" as a
 * TODO; see the transcripts in src/test/resources/org/coloconsole/colo/transcripts). The figures of a
 * {@code completed} answer are the whole migration's, not a checkpoint's, and are not taken for one.
 *
 * @param paused how long the guest stood still for the checkpoint; empty when not reported
 * @param bytes  the bytes the checkpoint sent; empty when not reported
 */
public record CheckpointFigures(Optional<Duration> paused, OptionalLong bytes) {
    public CheckpointFigures {
        if (paused.isEmpty() && bytes.isEmpty()) {
            throw new IllegalArgumentException("checkpoint figures need a downtime or a byte count");
        }
    }

    /** Read from a {@code query-migrate} answer; empty unless it is about a running COLO and carries a figure. */
    static Optional<CheckpointFigures> of(String status, OptionalLong downtimeMs, OptionalLong transferred) {
        if (!"colo".equals(status)) {
            return Optional.empty();
        }
        Optional<Duration> paused = downtimeMs.stream().filter(ms -> ms >= 0).mapToObj(Duration::ofMillis).findFirst();
        OptionalLong bytes = transferred.stream().filter(b -> b >= 0).findFirst();
        return paused.isEmpty() && bytes.isEmpty() ? Optional.empty()
                : Optional.of(new CheckpointFigures(paused, bytes));
    }
}
