package org.coloconsole.colo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** A job's rate and time left from progress samples on a monotonic clock: the rule the jobs pane shows. */
class TransferRatePropertyTest {

    /** Steps between readings: time passes (0 allowed: two readings at once), progress moves on or stays. */
    record Step(long nanos, long progress, long totalGrowth) {
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        return Combinators.combine(Arbitraries.longs().between(0, 3_000_000_000L),
                        Arbitraries.longs().between(0, 64L << 20), Arbitraries.longs().between(0, 1L << 20))
                .as(Step::new).list().ofMaxSize(30);
    }

    private static List<TransferRate.Sample> history(long start, long total, List<Step> steps) {
        List<TransferRate.Sample> samples = new ArrayList<>();
        long now = start;
        long done = 0;
        for (Step step : steps) {
            now += step.nanos();
            done += step.progress();
            total += step.totalGrowth();
            samples = TransferRate.add(samples, new TransferRate.Sample(done, total, now));
        }
        return samples;
    }

    @Property(tries = 2000)
    void theTimeLeftIsNeverNegative(@ForAll("steps") List<Step> steps, @ForAll @LongRange(min = 0,
            max = 1L << 40) long total, @ForAll @LongRange(min = 0, max = 20_000_000_000L) long after) {
        List<TransferRate.Sample> samples = history(1_000, total, steps);
        long now = samples.isEmpty() ? 1_000 : samples.get(samples.size() - 1).nanos() + after;
        TransferRate.of(samples, now).remaining()
                .ifPresent(left -> assertThat(left.isNegative()).as("%s", samples).isFalse());
    }

    @Property(tries = 2000)
    void theRateIsTheProgressOverTheTimeBetweenTheReadings(@ForAll @LongRange(min = 1, max = 1L << 36) long bytes,
            @ForAll @LongRange(min = 1, max = 9_000_000_000L) long elapsed,
            @ForAll @LongRange(min = 0, max = 1L << 30) long before) {
        List<TransferRate.Sample> samples = List.of(new TransferRate.Sample(before, 1L << 40, 5_000),
                new TransferRate.Sample(before + bytes, 1L << 40, 5_000 + elapsed));
        TransferRate.Estimate e = TransferRate.of(samples, 5_000 + elapsed);
        assertThat(e.perSecond()).isPresent();
        assertThat(e.perSecond().getAsDouble()).isCloseTo(bytes * 1e9 / elapsed,
                org.assertj.core.data.Percentage.withPercentage(1e-9));
    }

    @Property(tries = 1000)
    void withoutProgressTheRateAndTheTimeLeftAreUnknown(@ForAll @LongRange(min = 0, max = 1L << 36) long done,
            @ForAll @IntRange(min = 0, max = 20) int readings, @ForAll @LongRange(min = 0, max = 1L << 40) long total) {
        List<TransferRate.Sample> samples = new ArrayList<>();
        for (int i = 0; i < readings; i++) {
            samples = TransferRate.add(samples, new TransferRate.Sample(done, total, 1_000L + i * 500_000_000L));
        }
        TransferRate.Estimate e = TransferRate.of(samples, 1_000L + readings * 500_000_000L);
        assertThat(e.perSecond()).isEmpty();
        assertThat(e.remaining()).isEmpty();
    }

    @Property(tries = 500)
    void aJobThatStalledLongerThanTheWindowHasNoRate(@ForAll("steps") List<Step> steps,
            @ForAll @LongRange(min = 1, max = 1L << 40) long total) {
        List<TransferRate.Sample> samples = history(1_000, total, steps);
        long last = samples.isEmpty() ? 1_000 : samples.get(samples.size() - 1).nanos();
        assertThat(TransferRate.of(samples, last + TransferRate.WINDOW.toNanos() + 1).perSecond()).isEmpty();
    }

    @Property(tries = 500)
    void atTheRateTheTimeLeftCoversWhatRemains(@ForAll @LongRange(min = 1 << 20, max = 1L << 30) long total,
            @ForAll @LongRange(min = 1, max = 100) long percent) {
        long done = total * percent / 100;
        List<TransferRate.Sample> samples = List.of(new TransferRate.Sample(0, total, 0),
                new TransferRate.Sample(done, total, Duration.ofSeconds(2).toNanos()));
        TransferRate.Estimate e = TransferRate.of(samples, Duration.ofSeconds(2).toNanos());
        if (done == 0) {
            assertThat(e.perSecond()).isEmpty();
            return;
        }
        double expected = (total - done) / e.perSecond().getAsDouble();
        assertThat(e.remaining().orElseThrow().toNanos() / 1e9).isCloseTo(expected,
                org.assertj.core.data.Offset.offset(1e-6));
    }
}
