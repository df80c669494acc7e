package org.coloconsole.qmp;

import java.time.Duration;
import java.util.Objects;
import java.util.Random;

/**
 * Doubling delays with a cap and proportional jitter, so that both sides' reconnects after a shared outage do not
 * hammer a recovering host in lock-step. Defaults: 100 ms doubling to 5 s, ±20 %.
 */
public final class ExponentialBackoff implements Backoff {
    private final Duration initial;
    private final Duration max;
    private final double jitter;
    private final Random random;

    public ExponentialBackoff(Duration initial, Duration max, double jitter, Random random) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 < initial <= max, got " + initial + " and " + max);
        }
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("jitter must be in [0, 1), got " + jitter);
        }
        this.initial = initial;
        this.max = max;
        this.jitter = jitter;
        this.random = Objects.requireNonNull(random, "random");
    }

    public static ExponentialBackoff standard(Random random) {
        return new ExponentialBackoff(Duration.ofMillis(100), Duration.ofSeconds(5), 0.2, random);
    }

    @Override
    public Duration delay(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts count from 1, got " + attempt);
        }
        double base = initial.toMillis() * Math.pow(2, Math.min(attempt - 1, 30));
        double capped = Math.min(base, max.toMillis());
        double factor;
        synchronized (random) {
            factor = 1 + jitter * (2 * random.nextDouble() - 1);
        }
        return Duration.ofMillis(Math.max(1, Math.round(Math.min(capped * factor, max.toMillis()))));
    }
}
