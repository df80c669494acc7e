package org.coloconsole.colo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Over random sequences of faults, QEMU reports and operator requests, the interlock never lets two sides carry on
 * and never lets a promotion happen without the other side fenced, gone, or acknowledged as fenced.
 */
class SplitBrainPropertyTest {

    /** One step of the random history: a fault or report on a side, or an operator's failover request. */
    enum Step {
        KILL, FREEZE, UNREACHABLE, RECONNECT, PING, EXIT_ERROR, CHECKPOINT, TIME_PASSES,
        REQUEST_PROMOTE, REQUEST_CONTINUE, REQUEST_PROMOTE_ACK, REQUEST_CONTINUE_ACK
    }

    record Move(Step step, Side side) {
    }

    @Provide
    Arbitrary<List<Move>> histories() {
        Arbitrary<Move> move = Arbitraries.of(Step.class).flatMap(step ->
                Arbitraries.of(Side.class).map(side -> new Move(step, side)));
        return move.list().ofMinSize(1).ofMaxSize(40);
    }

    @Property(tries = 2000)
    void neverTwoSidesCarryOnAndNeverAnUnfencedPromotion(@ForAll("histories") List<Move> history) {
        Scenario s = Scenario.protectedPair();
        int promotions = 0;
        for (Move move : history) {
            switch (move.step()) {
                case KILL:
                    s.killed(move.side());
                    break;
                case FREEZE:
                    s.frozen(move.side());
                    break;
                case UNREACHABLE:
                    s.unreachable(move.side());
                    break;
                case RECONNECT:
                    s.apply(new Observation.Connected(move.side(), s.now, "7.2.22", true))
                            .apply(new Observation.Resynced(move.side(), s.now));
                    break;
                case PING:
                    s.pingOk(move.side());
                    break;
                case EXIT_ERROR:
                    s.coloExit(move.side(), "error");
                    break;
                case CHECKPOINT:
                    s.checkpoint();
                    break;
                case TIME_PASSES:
                    s.after(Duration.ofSeconds(1));
                    break;
                default:
                    promotions += request(s, move);
            }
            long carryingOn = List.of(Side.values()).stream()
                    .filter(side -> s.state.side(side).tookOver()).count();
            assertThat(carryingOn).as("sides carrying on after %s", history).isLessThanOrEqualTo(1);
        }
        assertThat(promotions).isLessThanOrEqualTo(1);
    }

    /** Runs a request through the interlock and, if allowed, through what the runner would do; 1 if it promoted. */
    private static int request(Scenario s, Move move) {
        boolean promote = move.step() == Step.REQUEST_PROMOTE || move.step() == Step.REQUEST_PROMOTE_ACK;
        boolean ack = move.step() == Step.REQUEST_PROMOTE_ACK || move.step() == Step.REQUEST_CONTINUE_ACK;
        Side target = promote ? Side.SECONDARY : Side.PRIMARY;
        SideState other = s.state.side(target.other());
        InterlockDecision d = s.check(target, ack);
        if (!d.allowed()) {
            return 0;
        }
        // never a promotion without the other side fenced by us, gone, or acknowledged
        assertThat(d.fenceOtherSide() || other.heartbeat().status() == HeartbeatStatus.LOST || ack)
                .as("allowed without fencing: %s", d.sentence()).isTrue();
        assertThat(d.fenceOtherSide()).isEqualTo(other.answering());
        s.apply(new Observation.FailoverStarted(target, s.now));
        if (d.fenceOtherSide()) {
            s.apply(new Observation.Fenced(target.other(), s.now, "stop"));
        }
        s.coloExit(target, "request");
        s.apply(new Observation.FailoverSucceeded(target, s.now));
        return 1;
    }
}
