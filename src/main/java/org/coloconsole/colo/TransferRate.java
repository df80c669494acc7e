package org.coloconsole.colo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A job's rate and time left, from successive progress samples taken on a monotonic clock (QEMU's jobs report how
 * much is done, never how fast): the rate is the progress between the first and the last sample of the last
 * {@link #WINDOW} over the time between them; the time left is what remains of the total at that rate. Unknown while
 * there is no progress to measure: fewer than two samples in the window, no time between them, or no progress (a
 * stalled job's samples age out of the window, so its rate turns unknown rather than staying at an old figure).
 */
public final class TransferRate {
    /** How far back the rate looks: long enough to smooth one poll's jitter, short enough to follow a change. */
    public static final Duration WINDOW = Duration.ofSeconds(10);

    private TransferRate() {
    }

    /**
     * One reading of a job's progress.
     *
     * @param done  work done (bytes for a block job)
     * @param total QEMU's estimate of the whole, which may grow while the job runs; 0 while not estimated
     * @param nanos when it was read, on a monotonic clock
     */
    public record Sample(long done, long total, long nanos) {
    }

    /**
     * @param perSecond units (bytes) per second, or empty while unknown
     * @param remaining the time left at that rate, never negative; empty while the rate or the total is unknown
     */
    public record Estimate(OptionalDouble perSecond, Optional<Duration> remaining) {
        public static Estimate unknown() {
            return new Estimate(OptionalDouble.empty(), Optional.empty());
        }
    }

    /** The estimate at {@code nowNanos} from {@code samples} in the order they were taken. */
    public static Estimate of(List<Sample> samples, long nowNanos) {
        long from = nowNanos - WINDOW.toNanos();
        Sample first = null;
        Sample last = null;
        for (Sample sample : samples) {
            if (sample.nanos() < from || sample.nanos() > nowNanos) {
                continue;
            }
            if (first == null) {
                first = sample;
            }
            last = sample;
        }
        if (first == null || last.nanos() <= first.nanos() || last.done() <= first.done()) {
            return Estimate.unknown();
        }
        double perSecond = (last.done() - first.done()) * 1e9 / (last.nanos() - first.nanos());
        if (last.total() <= 0) {
            return new Estimate(OptionalDouble.of(perSecond), Optional.empty());
        }
        double left = Math.max(0, last.total() - last.done());
        // a cast saturates: a crawl of a huge total reads as centuries, never as a negative time
        return new Estimate(OptionalDouble.of(perSecond), Optional.of(Duration.ofNanos((long) (left * 1e9 / perSecond))));
    }

    /**
     * {@code history} with {@code next}: kept only when the progress changed (a state that repeats the last reading
     * is no new sample), restarted when the progress went back (a new job under the same id), and cut to the window.
     */
    public static List<Sample> add(List<Sample> history, Sample next) {
        List<Sample> kept = new ArrayList<>();
        if (!history.isEmpty()) {
            Sample last = history.get(history.size() - 1);
            if (last.done() == next.done() && last.total() == next.total()) {
                return history;
            }
            if (next.done() >= last.done()) {
                long from = next.nanos() - WINDOW.toNanos();
                for (Sample sample : history) {
                    if (sample.nanos() >= from) {
                        kept.add(sample);
                    }
                }
            }
        }
        kept.add(next);
        return List.copyOf(kept);
    }
}
