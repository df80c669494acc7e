package org.coloconsole.qmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExponentialBackoffTest {

    @Test
    void doublesFromInitialToTheCapWithoutJitter() {
        Backoff b = new ExponentialBackoff(Duration.ofMillis(100), Duration.ofSeconds(5), 0, new Random(1));
        assertThat(new long[] {b.delay(1).toMillis(), b.delay(2).toMillis(), b.delay(3).toMillis(),
                b.delay(6).toMillis(), b.delay(7).toMillis(), b.delay(1000).toMillis()})
                .containsExactly(100, 200, 400, 3200, 5000, 5000);
    }

    @Test
    void jitterStaysWithinItsBandAndUnderTheCap() {
        Backoff b = ExponentialBackoff.standard(new Random(42));
        for (int attempt = 1; attempt <= 12; attempt++) {
            long nominal = Math.min(100L << (attempt - 1), 5000);
            for (int i = 0; i < 200; i++) {
                long d = b.delay(attempt).toMillis();
                assertThat(d).isBetween(Math.round(nominal * 0.8) - 1, Math.min(5000, Math.round(nominal * 1.2) + 1));
            }
        }
    }

    @Test
    void jitterActuallyVaries() {
        Backoff b = ExponentialBackoff.standard(new Random(7));
        assertThat(java.util.stream.IntStream.range(0, 50).mapToLong(i -> b.delay(3).toMillis()).distinct().count())
                .isGreaterThan(5);
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new ExponentialBackoff(Duration.ZERO, Duration.ofSeconds(1), 0, new Random()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExponentialBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 0, new Random()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ExponentialBackoff.standard(new Random()).delay(0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
