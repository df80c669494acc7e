package org.coloconsole.colo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The failover buttons read {@link FailoverOption}; the interlock decides when the operator confirms. Over random
 * histories they agree: a button is offered exactly when the interlock would allow the failover with the operator's
 * fence acknowledgement, it asks for that acknowledgement exactly when the interlock needs it, and the plan's preview
 * is the plan the runner would send.
 */
class FailoverOptionPropertyTest {

    @Property(tries = 1000)
    void theButtonAndTheInterlockAgree(@ForAll(supplier = History.Histories.class) List<History.Move> history) {
        Scenario s = Scenario.protectedPair();
        for (History.Move move : history) {
            if (move.step().request()) {
                InterlockDecision d = check(s, History.target(move), History.acknowledged(move));
                if (d.allowed()) {
                    History.failOver(s, History.target(move), d);
                }
            } else {
                History.apply(s, move);
            }
            for (Side target : Side.values()) {
                assertAgree(s, target, history);
            }
        }
    }

    private static InterlockDecision check(Scenario s, Side target, boolean acknowledged) {
        return FailoverInterlock.check(s.state, new FailoverRequest(target, acknowledged), s.now);
    }

    private static void assertAgree(Scenario s, Side target, List<History.Move> history) {
        FailoverOption option = FailoverOption.of(s.state, target, s.now);
        InterlockDecision withAck = check(s, target, true);
        InterlockDecision withoutAck = check(s, target, false);
        String where = option + " after " + history;

        assertThat(option.offered()).as(where).isEqualTo(withAck.allowed());
        assertThat(option.verdict() == FailoverOption.Verdict.NEEDS_FENCE_ACKNOWLEDGEMENT).as(where)
                .isEqualTo(withAck.allowed() && !withoutAck.allowed());
        if (!option.offered()) {
            assertThat(withoutAck.sentence()).as(where).isEqualTo(option.sentence());
            return;
        }
        assertThat(withAck.fenceOtherSide()).as(where)
                .isEqualTo(option.verdict() == FailoverOption.Verdict.FENCE_OTHER_SIDE);
        FailoverRequest request = new FailoverRequest(target, true);
        assertThat(PlanPreview.of(s.state, target, FailoverPlan.Options.defaults()).steps()).as(where)
                .isEqualTo(FailoverPlan.plan(withAck, request, FailoverPlan.Options.defaults(),
                        s.state.side(target).topology().orElse(Topology.empty())));
    }
}
