package org.coloconsole.app.lab;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Checkpoints the lab's primary showed while {@code colo-console lab status} watched it: QEMU's {@code query-migrate}
 * reports only the status {@code colo} while COLO runs, so the STOP/RESUME pairs of each checkpoint are counted.
 *
 * @param checkpoints how many pauses ended (a RESUME after a STOP) while watching
 * @param watched     how long it watched
 * @param pauses      how long each of those pauses stopped the guest, in the order they came
 */
public record CheckpointSample(int checkpoints, Duration watched, List<Duration> pauses) {

    public CheckpointSample {
        pauses = List.copyOf(pauses);
    }

    /** Checkpoints a minute at the rate seen. */
    public double perMinute() {
        return watched.isZero() ? 0 : checkpoints * 60_000.0 / watched.toMillis();
    }

    public Optional<Duration> medianPause() {
        if (pauses.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(pauses.stream().sorted().toList().get(pauses.size() / 2));
    }

    public Optional<Duration> longestPause() {
        return pauses.stream().max(Duration::compareTo);
    }

    /** "4 checkpoints in 2.2 s (109/min), guest paused 86 ms median, 90 ms at most". */
    public String sentence() {
        String rate = String.format("%d checkpoint%s in %.1f s (%.0f/min)", checkpoints, checkpoints == 1 ? "" : "s",
                watched.toMillis() / 1000.0, perMinute());
        return medianPause().map(m -> rate + ", guest paused " + m.toMillis() + " ms median, "
                + longestPause().orElseThrow().toMillis() + " ms at most").orElse(rate);
    }
}
