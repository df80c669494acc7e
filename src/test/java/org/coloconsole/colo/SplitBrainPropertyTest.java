package org.coloconsole.colo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Over random sequences of faults, QEMU reports and operator requests, the interlock never lets two sides carry on
 * and never lets a promotion happen without the other side fenced, gone, or acknowledged as fenced.
 */
class SplitBrainPropertyTest {

    @Property(tries = 2000)
    void neverTwoSidesCarryOnAndNeverAnUnfencedPromotion(@ForAll(supplier = History.Histories.class) List<History.Move> history) {
        Scenario s = Scenario.protectedPair();
        int promotions = 0;
        for (History.Move move : history) {
            if (move.step().request()) {
                promotions += request(s, move);
            } else {
                History.apply(s, move);
            }
            long carryingOn = List.of(Side.values()).stream()
                    .filter(side -> s.state.side(side).tookOver()).count();
            assertThat(carryingOn).as("sides carrying on after %s", history).isLessThanOrEqualTo(1);
        }
        assertThat(promotions).isLessThanOrEqualTo(1);
    }

    /** Runs a request through the interlock and, if allowed, through what the runner would do; 1 if it promoted. */
    private static int request(Scenario s, History.Move move) {
        boolean ack = History.acknowledged(move);
        Side target = History.target(move);
        SideState other = s.state.side(target.other());
        InterlockDecision d = s.check(target, ack);
        if (!d.allowed()) {
            return 0;
        }
        // never a promotion without the other side fenced by us, gone, or acknowledged
        assertThat(d.fenceOtherSide() || other.heartbeat().status() == HeartbeatStatus.LOST || ack)
                .as("allowed without fencing: %s", d.sentence()).isTrue();
        assertThat(d.fenceOtherSide()).isEqualTo(other.answering());
        History.failOver(s, target, d);
        return 1;
    }
}
