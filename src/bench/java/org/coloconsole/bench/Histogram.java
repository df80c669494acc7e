package org.coloconsole.bench;

import java.util.Locale;

/** Durations in 0.1 ms buckets up to 120 s (longer ones count in the last), with the exact maximum. */
final class Histogram {
    private static final long BUCKET_NANOS = 100_000;
    private final long[] buckets = new long[1_200_001];
    private long count;
    private long max;

    synchronized void add(long nanos) {
        int bucket = (int) Math.min(buckets.length - 1, Math.max(0, nanos) / BUCKET_NANOS);
        buckets[bucket]++;
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
                return (i + 1) * BUCKET_NANOS / 1e6;
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
