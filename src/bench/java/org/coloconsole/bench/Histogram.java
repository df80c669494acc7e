package org.coloconsole.bench;

import java.util.Locale;

/**
 * Durations in 0.1 ms buckets up to 2 s, 10 ms buckets from there to 120 s (longer ones count in the last), with the
 * exact maximum. Small on purpose (260 KB): it lives in the heap of the process it measures; the earlier 0.1 ms
 * buckets up to 120 s took 9.6 MB each, 58 MB for the UI bench's six, counted in its heap and RSS figures.
 */
final class Histogram {
    private static final long FINE_NANOS = 100_000;
    private static final long COARSE_NANOS = 10_000_000;
    private static final int FINE_BUCKETS = 20_000; // up to 2 s
    private static final long FINE_LIMIT_NANOS = FINE_BUCKETS * FINE_NANOS;
    private final long[] buckets = new long[FINE_BUCKETS + 11_800 + 1];
    private long count;
    private long max;

    synchronized void add(long nanos) {
        long at = Math.max(0, nanos);
        long bucket = at < FINE_LIMIT_NANOS ? at / FINE_NANOS : FINE_BUCKETS + (at - FINE_LIMIT_NANOS) / COARSE_NANOS;
        buckets[(int) Math.min(buckets.length - 1, bucket)]++;
        count++;
        max = Math.max(max, nanos);
    }

    synchronized void reset() {
        java.util.Arrays.fill(buckets, 0);
        count = 0;
        max = 0;
    }

    /** The upper edge of the bucket holding the p-th percentile (nearest rank), in milliseconds. */
    synchronized double percentileMillis(double p) {
        long rank = Math.max(1, (long) Math.ceil(p / 100 * count));
        long seen = 0;
        for (int i = 0; i < buckets.length; i++) {
            seen += buckets[i];
            if (seen >= rank) {
                long upper = i < FINE_BUCKETS ? (i + 1) * FINE_NANOS
                        : FINE_LIMIT_NANOS + (i - FINE_BUCKETS + 1) * COARSE_NANOS;
                return Math.min(upper, max) / 1e6;
            }
        }
        return max / 1e6;
    }

    synchronized String summary() {
        if (count == 0) {
            return "(none)";
        }
        return String.format(Locale.ROOT, "p50 %.1f, p99 %.1f, max %.1f (n=%,d)", percentileMillis(50),
                percentileMillis(99), max / 1e6, count);
    }
}
