package org.coloconsole.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import org.junit.jupiter.api.Test;

class UtcMicrosTest {

    @Test
    void everyInstantFormatsAndParsesBackToTheMicrosecond() {
        UtcMicros times = new UtcMicros();
        Random random = new Random(7);
        long first = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long last = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 100_000; i++) {
            // mostly years 0-9999, some far outside, and runs within one second to exercise the cached prefix
            long second = i % 10 == 0 ? random.nextLong() % 1_000_000_000_000_000L
                    : first + Math.floorMod(random.nextLong(), last - first + 1);
            Instant at = Instant.ofEpochSecond(second, random.nextInt(1_000_000_000));
            String text = times.formatToString(at);
            assertThat(UtcMicros.parse(text)).as(text).isEqualTo(at.truncatedTo(ChronoUnit.MICROS));
            assertThat(Instant.parse(text)).as(text).isEqualTo(at.truncatedTo(ChronoUnit.MICROS));
            if (UtcMicros.fits(at)) {
                assertThat(text).hasSize(UtcMicros.LENGTH).endsWith("Z");
            }
        }
    }

    @Test
    void theJournalsOwnFormIsExact() {
        assertThat(new UtcMicros().formatToString(Instant.parse("2024-02-29T23:59:59.999999999Z")))
                .isEqualTo("2024-02-29T23:59:59.999999Z");
        assertThat(UtcMicros.parse("1970-01-01T00:00:00.000001Z")).isEqualTo(Instant.ofEpochSecond(0, 1000));
        assertThat(new UtcMicros().formatToString(Instant.ofEpochSecond(1_000_000_000_000L)))
                .isEqualTo("+33658-09-27T01:46:40.000000Z");
    }

    @Test
    void otherIsoFormsAreReadTooAndNonsenseIsRefused() {
        assertThat(UtcMicros.parse("2024-05-01T12:34:56Z")).isEqualTo(Instant.parse("2024-05-01T12:34:56Z"));
        assertThat(UtcMicros.parse("2024-05-01T12:34:56.5Z")).isEqualTo(Instant.parse("2024-05-01T12:34:56.5Z"));
        for (String bad : new String[] {"2024-02-30T00:00:00.000000Z", "2024-13-01T00:00:00.000000Z",
                "2024-05-01T12:34:56.00000xZ", "2024-05-01T12:61:00.000000Z", "yesterday", ""}) {
            assertThatThrownBy(() -> UtcMicros.parse(bad)).as(bad).isInstanceOf(DateTimeException.class);
        }
    }
}
