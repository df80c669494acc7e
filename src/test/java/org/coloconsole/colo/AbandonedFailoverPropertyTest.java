package org.coloconsole.colo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ArbitrarySupplier;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * A failover the console gave up on ({@link FailoverProgress.Phase#ABANDONED}) over random histories of faults,
 * requests, runbooks cut short, late starts and outcomes of a runbook given up on, and the operator's word: while
 * one is abandoned the interlock allows nothing and no button is offered; only the operator's word clears it; and
 * after it is cleared the interlock decides from the sides alone, as ever.
 */
class AbandonedFailoverPropertyTest {

    /** What can happen besides {@link History}'s moves. */
    enum Twist {
        NONE,
        /** An allowed request whose runbook is given up on after the fence (what was sent is unknown). */
        GIVE_UP_AFTER_FENCE,
        /** As above, after the survivor already left COLO. */
        GIVE_UP_AFTER_LOST_HEARTBEAT,
        /** A start the console stopped waiting for, applied late. */
        LATE_START,
        LATE_SUCCESS,
        LATE_FAILURE,
        /** The operator checked both sides and clears the abandoned failover. */
        CLEAR
    }

    record Move(History.Move move, Twist twist) {
    }

    static final class Moves implements ArbitrarySupplier<List<Move>> {
        @Override
        public Arbitrary<List<Move>> get() {
            Arbitrary<History.Move> base = Arbitraries.of(History.Step.class).flatMap(step ->
                    Arbitraries.of(Side.class).map(side -> new History.Move(step, side)));
            Arbitrary<Twist> twist = Arbitraries.frequencyOf(
                    net.jqwik.api.Tuple.of(6, Arbitraries.just(Twist.NONE)),
                    net.jqwik.api.Tuple.of(2, Arbitraries.of(Twist.class)));
            return net.jqwik.api.Combinators.combine(base, twist).as(Move::new).list().ofMinSize(1).ofMaxSize(40);
        }
    }

    @Property(tries = 2000)
    void whileAbandonedNothingStartsAndOnlyTheOperatorsWordClearsIt(@ForAll(supplier = Moves.class) List<Move> history) {
        Scenario s = Scenario.protectedPair();
        for (Move m : history) {
            boolean wasAbandoned = abandoned(s);
            boolean cleared = m.twist() == Twist.CLEAR;
            apply(s, m);
            if (wasAbandoned) {
                assertThat(abandoned(s)).as("cleared only by the operator's word, after %s", history)
                        .isEqualTo(!cleared);
            }
            if (abandoned(s)) {
                for (Side target : Side.values()) {
                    for (boolean ack : new boolean[] {false, true}) {
                        InterlockDecision d = s.check(target, ack);
                        assertThat(d.allowed()).as("allowed while abandoned after %s", history).isFalse();
                        assertThat(d.sentence()).contains("abandoned");
                    }
                    assertThat(FailoverOption.of(s.state, target, s.now).offered()).isFalse();
                }
                assertThat(AbandonedFailover.clearable(s.state)).isTrue();
            } else {
                assertThat(AbandonedFailover.clearable(s.state)).isFalse();
            }
            if (wasAbandoned && cleared) {
                // from the sides alone: the same as a pair whose failover record is empty
                PairState fresh = new PairState(s.state.primary(), s.state.secondary(), FailoverProgress.none(s.now));
                for (Side target : Side.values()) {
                    assertThat(s.check(target, true)).isEqualTo(
                            FailoverInterlock.check(fresh, new FailoverRequest(target, true)));
                }
            }
        }
    }

    @Property(tries = 1000)
    void anAbandonedRunbookNeverLetsTwoSidesCarryOn(@ForAll(supplier = Moves.class) List<Move> history) {
        Scenario s = Scenario.protectedPair();
        for (Move m : history) {
            apply(s, m);
            long carryingOn = List.of(Side.values()).stream().filter(side -> s.state.side(side).tookOver()).count();
            assertThat(carryingOn).as("sides carrying on after %s", history).isLessThanOrEqualTo(1);
        }
    }

    private static boolean abandoned(Scenario s) {
        return s.state.failover().phase() == FailoverProgress.Phase.ABANDONED;
    }

    private static void apply(Scenario s, Move m) {
        History.Move move = m.move();
        Side target = History.target(move);
        switch (m.twist()) {
            case NONE -> {
                if (move.step().request()) {
                    InterlockDecision d = s.check(target, History.acknowledged(move));
                    if (d.allowed()) {
                        History.failOver(s, target, d);
                    }
                } else {
                    History.apply(s, move);
                }
            }
            case GIVE_UP_AFTER_FENCE, GIVE_UP_AFTER_LOST_HEARTBEAT -> {
                InterlockDecision d = s.check(target, History.acknowledged(move));
                if (d.allowed()) {
                    s.apply(new Observation.FailoverStarted(target, s.now));
                    if (d.fenceOtherSide()) {
                        s.apply(new Observation.Fenced(target.other(), s.now, "stop"));
                    }
                    if (m.twist() == Twist.GIVE_UP_AFTER_LOST_HEARTBEAT) {
                        s.coloExit(target, "request");
                    }
                    s.apply(new Observation.FailoverAbandoned(target, s.now, "the window closed"));
                }
            }
            case LATE_START -> s.apply(new Observation.FailoverStarted(target, s.now));
            case LATE_SUCCESS -> s.apply(new Observation.FailoverSucceeded(target, s.now));
            case LATE_FAILURE -> s.apply(new Observation.FailoverFailed(target, s.now, "late"));
            case CLEAR -> s.apply(new Observation.AbandonedFailoverCleared(target, s.now));
        }
    }
}
