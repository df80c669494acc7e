package org.coloconsole.colo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** When advice goes beyond the window: only once it has held for the settle time; split brain and a lost side at once. */
class AlertSettlePropertyTest {
    private static final long SETTLE = 1_000_000_000L;

    private static Recommendation advice(Recommendation.Kind kind, Optional<Side> target) {
        return new Recommendation(kind, target, kind + " " + target, List.of(), false);
    }

    private static Alert alertFor(Recommendation r) {
        return new Alert(Alert.adviceKind(r).orElseThrow(), r.target(), "db: " + r.kind(), r.headline(),
                Instant.EPOCH);
    }

    private static Alert lost(Side side) {
        return new Alert(Alert.Kind.SIDE_LOST, Optional.of(side), "db: lost", "gone.", Instant.EPOCH);
    }

    @Test
    void aKilledPrimarysFirstAdviceIsReplacedAndOnlyTheSecondGoesOut() {
        AlertSettle settle = new AlertSettle(Duration.ofNanos(SETTLE));
        Recommendation continueOnPrimary = advice(Recommendation.Kind.CONTINUE_ON_PRIMARY, Optional.of(Side.PRIMARY));
        Recommendation promote = advice(Recommendation.Kind.PROMOTE_SECONDARY, Optional.of(Side.SECONDARY));
        Alert first = alertFor(continueOnPrimary);
        Alert second = alertFor(promote);

        assertThat(settle.offer(first, 0)).isEmpty();
        assertThat(settle.offer(lost(Side.PRIMARY), 5_000_000)).singleElement()
                .isEqualTo(new AlertSettle.Outcome.Send(lost(Side.PRIMARY)));
        assertThat(settle.offer(second, 5_000_000)).containsExactly(new AlertSettle.Outcome.Superseded(first, second));
        assertThat(settle.due(promote, SETTLE)).as("the first one's time: the second has not settled").isEmpty();
        assertThat(settle.due(promote, 5_000_000 + SETTLE)).contains(new AlertSettle.Outcome.Send(second));
        assertThat(settle.dueAtNanos()).isEmpty();
    }

    @Test
    void adviceThatClearsBeforeItSettlesIsWithdrawn() {
        AlertSettle settle = new AlertSettle(Duration.ofNanos(SETTLE));
        Alert act = alertFor(advice(Recommendation.Kind.PROMOTE_SECONDARY, Optional.of(Side.SECONDARY)));
        settle.offer(act, 0);
        Recommendation wait = advice(Recommendation.Kind.WAIT, Optional.empty());

        assertThat(settle.due(wait, SETTLE)).contains(new AlertSettle.Outcome.Withdrawn(act, wait));
    }

    @Test
    void withoutASettleTimeAdviceIsDueAtOnce() {
        AlertSettle settle = new AlertSettle(Duration.ZERO);
        Recommendation cannotTell = advice(Recommendation.Kind.CANNOT_TELL, Optional.empty());
        Alert alert = alertFor(cannotTell);
        settle.offer(alert, 42);

        assertThat(settle.due(cannotTell, 42)).contains(new AlertSettle.Outcome.Send(alert));
    }

    /** One step of a random history: time passes, the advice may change (and raise its alert), a side may be lost. */
    record Step(long nanos, Recommendation advice, boolean sideLost) {
    }

    @Provide
    Arbitrary<List<Step>> histories() {
        Arbitrary<Recommendation> advice = Arbitraries.of(
                advice(Recommendation.Kind.PROTECTED, Optional.empty()),
                advice(Recommendation.Kind.WAIT, Optional.empty()),
                advice(Recommendation.Kind.DEGRADED, Optional.empty()),
                advice(Recommendation.Kind.CONTINUE_ON_PRIMARY, Optional.of(Side.PRIMARY)),
                advice(Recommendation.Kind.PROMOTE_SECONDARY, Optional.of(Side.SECONDARY)),
                advice(Recommendation.Kind.CANNOT_TELL, Optional.empty()),
                advice(Recommendation.Kind.SPLIT_BRAIN, Optional.empty()));
        return Combinators.combine(Arbitraries.longs().between(0, 3 * SETTLE), advice, Arbitraries.of(true, false))
                .as(Step::new).list().ofMaxSize(40);
    }

    /**
     * Fed as the window feeds it (an alert when the advice changes to one that alerts, a due check at every step) and
     * then checked once long after: every alert has exactly one outcome; what settles is sent only when it has
     * waited the settle time and the advice at that moment still gives it; split brain and a lost side go at once.
     */
    @Property(tries = 2000)
    void adviceGoesOutOnlyOnceSettledAndStillTrueAndNothingIsLost(@ForAll("histories") List<Step> history) {
        AlertSettle settle = new AlertSettle(Duration.ofNanos(SETTLE));
        Map<Alert, Long> offeredAt = new IdentityHashMap<>();
        Map<Alert, Integer> outcomes = new IdentityHashMap<>();
        List<Alert> sentAtOnce = new ArrayList<>();
        long now = 0;
        Recommendation current = advice(Recommendation.Kind.PROTECTED, Optional.empty());
        for (Step step : history) {
            now += step.nanos();
            for (AlertSettle.Outcome due : settle.due(current, now).stream().toList()) {
                record(due, current, now, offeredAt, outcomes);
            }
            boolean changed = step.advice().kind() != current.kind();
            current = step.advice();
            if (changed && Alert.adviceKind(current).isPresent()) {
                Alert alert = alertFor(current);
                offeredAt.put(alert, now);
                for (AlertSettle.Outcome o : settle.offer(alert, now)) {
                    if (o instanceof AlertSettle.Outcome.Send) {
                        assertThat(AlertSettle.settles(alert.kind())).isFalse();
                        sentAtOnce.add(o.alert());
                    }
                    record(o, current, now, offeredAt, outcomes);
                }
            }
            if (step.sideLost()) {
                Alert lost = lost(Side.PRIMARY);
                offeredAt.put(lost, now);
                List<AlertSettle.Outcome> o = settle.offer(lost, now);
                assertThat(o).containsExactly(new AlertSettle.Outcome.Send(lost));
                record(o.get(0), current, now, offeredAt, outcomes);
            }
        }
        long end = now + SETTLE;
        Recommendation last = current;
        settle.due(last, end).ifPresent(o -> record(o, last, end, offeredAt, outcomes));

        assertThat(outcomes.keySet()).as("every alert has an outcome").containsExactlyInAnyOrderElementsOf(
                offeredAt.keySet());
        assertThat(outcomes.values()).as("and only one").allMatch(n -> n == 1);
        assertThat(settle.dueAtNanos()).isEmpty();
    }

    private static void record(AlertSettle.Outcome outcome, Recommendation current, long now,
                               Map<Alert, Long> offeredAt, Map<Alert, Integer> outcomes) {
        Alert alert = outcome.alert();
        outcomes.merge(alert, 1, Integer::sum);
        if (outcome instanceof AlertSettle.Outcome.Send && AlertSettle.settles(alert.kind())) {
            assertThat(now - offeredAt.get(alert)).as("waited the settle time").isGreaterThanOrEqualTo(SETTLE);
            assertThat(Alert.adviceKind(current)).as("still the advice").contains(alert.kind());
            assertThat(current.target()).isEqualTo(alert.side());
        }
        if (outcome instanceof AlertSettle.Outcome.Withdrawn withdrawn) {
            assertThat(now - offeredAt.get(alert)).isGreaterThanOrEqualTo(SETTLE);
            assertThat(Alert.adviceKind(withdrawn.now()).equals(Optional.of(alert.kind()))
                    && withdrawn.now().target().equals(alert.side())).as("withdrawn only when no longer true").isFalse();
        }
    }
}
