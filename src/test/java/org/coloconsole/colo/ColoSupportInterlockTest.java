package org.coloconsole.colo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The self-test's verdict as an input of the interlock: a runbook that needs a command QEMU will not take is refused. */
class ColoSupportInterlockTest {
    private static final String REFUSED = " (refused by -compat unstable-input=reject)";

    private static ColoSupport rejectingUnstable() {
        return new ColoSupport("10.0.2", List.of("command x-colo-lost-heartbeat" + REFUSED),
                Set.of("x-colo-lost-heartbeat"), ColoSupport.UnstableInput.REJECTED);
    }

    private static ColoSupport ok() {
        return new ColoSupport("7.2.22", List.of(), Set.of(), ColoSupport.UnstableInput.ACCEPTED);
    }

    private static Scenario checked(Side side, ColoSupport support) {
        Scenario s = Scenario.protectedPair();
        return s.apply(new Observation.ColoSupportChecked(side, s.now, support));
    }

    @Test
    void theVerdictIsKeptOnTheSide() {
        Scenario s = checked(Side.SECONDARY, rejectingUnstable());

        assertThat(s.state.secondary().coloSupport()).contains(rejectingUnstable());
        assertThat(s.state.primary().coloSupport()).isEmpty();
        assertThat(s.state.secondary().coloSupport().orElseThrow().summary())
                .isEqualTo("missing command x-colo-lost-heartbeat" + REFUSED);
    }

    @Test
    void promotingASideThatRefusesLostHeartbeatIsRefusedWithTheReason() {
        Scenario s = checked(Side.SECONDARY, rejectingUnstable()).killed(Side.PRIMARY);

        InterlockDecision decision = s.check(Side.SECONDARY, false);

        assertThat(decision.allowed()).isFalse();
        assertThat(decision.sentence()).isEqualTo("Cannot promote the secondary: the runbook sends "
                + "x-colo-lost-heartbeat to the secondary, and its QEMU 10.0.2 does not take it (refused by -compat "
                + "unstable-input=reject).");
    }

    @Test
    void theOtherSideIsAskedOnlyForWhatFencingSendsIt() {
        // the primary refuses lost-heartbeat, but the runbook only stops it: promoting the secondary may go on
        Scenario s = checked(Side.PRIMARY, rejectingUnstable()).apply(new Observation.ColoSupportChecked(
                Side.SECONDARY, Scenario.T0, ok()));

        assertThat(s.check(Side.SECONDARY, false).allowed()).isTrue();
        assertThat(s.check(Side.PRIMARY, false).sentence()).startsWith("Cannot continue on the primary: the runbook "
                + "sends x-colo-lost-heartbeat to the primary");
    }

    @Test
    void aSideWithoutStopCannotBeFenced() {
        ColoSupport noStop = new ColoSupport("9.9.0", List.of("command stop"), Set.of("stop"),
                ColoSupport.UnstableInput.ACCEPTED);
        Scenario s = checked(Side.PRIMARY, noStop);

        assertThat(s.check(Side.SECONDARY, false).sentence()).isEqualTo("Cannot promote the secondary: the runbook "
                + "sends stop to the primary, and its QEMU 9.9.0 does not take it (not in its QMP schema).");
    }

    @Test
    void aSideNotCheckedYetIsNotRefused() {
        assertThat(Scenario.protectedPair().killed(Side.PRIMARY).check(Side.SECONDARY, false).allowed()).isTrue();
    }
}
