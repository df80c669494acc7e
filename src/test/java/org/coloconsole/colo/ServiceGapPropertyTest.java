package org.coloconsole.colo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The service gap: the longest time without a serving round, two sides serving counted, the disk counter's ends. */
class ServiceGapPropertyTest {

    /** Rounds with increasing times (steps of 1–5000 ms), each side served or not, a disk counter sometimes. */
    @Provide
    Arbitrary<List<ServiceGap.Round>> rounds() {
        Arbitrary<long[]> step = Combinators.combine(Arbitraries.longs().between(1, 5000),
                Arbitraries.integers().between(0, 3), Arbitraries.longs().between(-1, 1000))
                .as((ms, served, disk) -> new long[] {ms, served, disk});
        return step.list().ofMinSize(0).ofMaxSize(40).map(steps -> {
            List<ServiceGap.Round> rounds = new ArrayList<>();
            long t = 1_000_000_000L;
            for (long[] s : steps) {
                t += s[0] * 1_000_000L;
                rounds.add(new ServiceGap.Round(t, (s[1] & 1) != 0, (s[1] & 2) != 0,
                        s[2] < 0 ? OptionalLong.empty() : OptionalLong.of(s[2])));
            }
            return rounds;
        });
    }

    @Property(tries = 1000)
    void theLongestGapCoversEveryStretchWithoutServiceAndNoMoreThanTheWhole(
            @ForAll("rounds") List<ServiceGap.Round> rounds) {
        ServiceGap gap = ServiceGap.of(rounds);

        assertThat(gap.rounds()).isEqualTo(rounds.size());
        assertThat(gap.longest().isNegative()).isFalse();
        if (rounds.isEmpty()) {
            return;
        }
        long span = rounds.get(rounds.size() - 1).nanos() - rounds.get(0).nanos();
        assertThat(gap.longest().toNanos()).isLessThanOrEqualTo(span);
        long lastServed = rounds.get(0).nanos();
        for (ServiceGap.Round round : rounds) {
            assertThat(gap.longest().toNanos()).isGreaterThanOrEqualTo(round.nanos() - lastServed);
            if (round.served()) {
                lastServed = round.nanos();
            }
        }
        int inRuns = 0;
        for (int i = 0; i < rounds.size(); i++) {
            boolean both = both(rounds, i);
            if (both && ((i > 0 && both(rounds, i - 1)) || (i + 1 < rounds.size() && both(rounds, i + 1)))) {
                inRuns++;
            }
        }
        assertThat(gap.bothServed()).isEqualTo(inRuns);
    }

    private static boolean both(List<ServiceGap.Round> rounds, int i) {
        return rounds.get(i).primaryServed() && rounds.get(i).secondaryServed();
    }

    @Test
    void aSingleRoundInWhichBothAnsweredIsTheHandoverNotTwoServingSides() {
        ServiceGap.Round one = new ServiceGap.Round(0, true, false, OptionalLong.empty());
        ServiceGap.Round two = new ServiceGap.Round(1, true, true, OptionalLong.empty());
        ServiceGap.Round three = new ServiceGap.Round(2, false, true, OptionalLong.empty());
        ServiceGap.Round four = new ServiceGap.Round(3, true, true, OptionalLong.empty());
        ServiceGap.Round five = new ServiceGap.Round(4, true, true, OptionalLong.empty());

        assertThat(ServiceGap.of(List.of(one, two, three)).bothServed()).isZero();
        assertThat(ServiceGap.of(List.of(one, two, three, four, five)).bothServed()).isEqualTo(2);
    }

    @Property(tries = 300)
    void whenEveryRoundServesTheLongestGapIsTheLongestStepBetweenRounds(
            @ForAll("rounds") List<ServiceGap.Round> rounds) {
        List<ServiceGap.Round> served = rounds.stream()
                .map(r -> new ServiceGap.Round(r.nanos(), true, false, r.disk())).toList();
        long longestStep = 0;
        for (int i = 1; i < served.size(); i++) {
            longestStep = Math.max(longestStep, served.get(i).nanos() - served.get(i - 1).nanos());
        }
        assertThat(ServiceGap.of(served).longest().toNanos()).isEqualTo(longestStep);
    }

    @Test
    void aStretchWithoutServiceInTheMiddleIsTheGapAndTheDiskCounterIsReadAtBothEnds() {
        long s = 1_000_000_000L;
        ServiceGap gap = ServiceGap.of(List.of(
                new ServiceGap.Round(0, true, false, OptionalLong.of(5)),
                new ServiceGap.Round(s, false, false, OptionalLong.empty()),
                new ServiceGap.Round(3 * s, false, false, OptionalLong.empty()),
                new ServiceGap.Round(4 * s, false, true, OptionalLong.of(9)),
                new ServiceGap.Round(5 * s, false, true, OptionalLong.empty())));

        assertThat(gap.longest().toMillis()).isEqualTo(4000);
        assertThat(gap.bothServed()).isZero();
        assertThat(gap.diskAdvanced()).isTrue();
        assertThat(gap.firstDisk()).hasValue(5);
        assertThat(gap.lastDisk()).hasValue(9);
    }
}
