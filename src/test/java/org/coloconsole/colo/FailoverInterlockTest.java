package org.coloconsole.colo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FailoverInterlockTest {

    @Test
    void aHealthyOtherSideIsFencedByTheConsole() {
        InterlockDecision d = Scenario.protectedPair().check(Side.SECONDARY, false);
        assertThat(d.allowed()).isTrue();
        assertThat(d.fenceOtherSide()).isTrue();
        List<FailoverStep> steps = FailoverPlan.plan(d, new FailoverRequest(Side.SECONDARY, false),
                FailoverPlan.Options.defaults());
        assertThat(steps).extracting(FailoverStep::kind).containsExactly(FailoverStep.Kind.FENCE_STOP,
                FailoverStep.Kind.YANK, FailoverStep.Kind.LOST_HEARTBEAT, FailoverStep.Kind.REFENCE_STOP,
                FailoverStep.Kind.VERIFY);
        assertThat(steps.get(3).side()).isEqualTo(Side.PRIMARY);
        assertThat(steps.get(3).command()).isEqualTo("stop");
        assertThat(steps.get(0).side()).isEqualTo(Side.PRIMARY);
        assertThat(steps.get(0).command()).isEqualTo("stop");
        assertThat(steps.get(2).side()).isEqualTo(Side.SECONDARY);
        assertThat(steps.get(2).command()).isEqualTo("x-colo-lost-heartbeat");
    }

    @Test
    void quitIsAddedOnlyWhenAsked() {
        InterlockDecision d = Scenario.protectedPair().check(Side.PRIMARY, false);
        assertThat(FailoverPlan.plan(d, new FailoverRequest(Side.PRIMARY, false), new FailoverPlan.Options(true, false)))
                .extracting(FailoverStep::command).containsExactly("stop", "quit", "x-colo-lost-heartbeat",
                        "query-colo-status");
    }

    @Test
    void aDeadOtherSideNeedsNoFencing() {
        InterlockDecision d = Scenario.protectedPair().killed(Side.PRIMARY).check(Side.SECONDARY, false);
        assertThat(d.allowed()).isTrue();
        assertThat(d.fenceOtherSide()).isFalse();
        assertThat(d.sentence()).contains("gone");
    }

    @Test
    void anUnresponsiveOtherSideIsRefusedUntilAcknowledged() {
        Scenario s = Scenario.protectedPair().frozen(Side.PRIMARY);
        InterlockDecision refused = s.check(Side.SECONDARY, false);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.sentence()).isEqualTo("The primary is unresponsive: the console cannot stop it, and it "
                + "may still run its guest. Fence its host (power it off or cut it off), then confirm that it is fenced.");
        InterlockDecision acknowledged = s.check(Side.SECONDARY, true);
        assertThat(acknowledged.allowed()).isTrue();
        assertThat(acknowledged.fenceOtherSide()).isFalse();
    }

    @Test
    void anUnreachableOtherSideIsRefusedUntilAcknowledged() {
        Scenario s = Scenario.protectedPair().unreachable(Side.SECONDARY);
        assertThat(s.check(Side.PRIMARY, false).allowed()).isFalse();
        assertThat(s.check(Side.PRIMARY, true).allowed()).isTrue();
    }

    @Test
    void aLostSideCannotBePromoted() {
        InterlockDecision d = Scenario.protectedPair().killed(Side.SECONDARY).check(Side.SECONDARY, true);
        assertThat(d.allowed()).isFalse();
        assertThat(d.sentence()).startsWith("Cannot promote the secondary: it is lost");
    }

    @Test
    void aSecondFailoverIsRefusedWhileOneRunsAndAfterOneSucceeded() {
        Scenario s = Scenario.protectedPair().apply(new Observation.FailoverStarted(Side.SECONDARY, Scenario.T0));
        assertThat(s.check(Side.PRIMARY, true).sentence()).contains("already running");
        s.apply(new Observation.Fenced(Side.PRIMARY, Scenario.T0, "stop"))
                .apply(new Observation.FailoverSucceeded(Side.SECONDARY, Scenario.T0));
        assertThat(s.check(Side.PRIMARY, true).allowed()).isFalse();
        assertThat(s.check(Side.SECONDARY, true).sentence()).contains("already succeeded");
    }

    @Test
    void aFailoverThatQemuReportsIsRefusedEvenInAFreshProcess() {
        Scenario s = Scenario.protectedPair().polledTookOver(Side.SECONDARY);
        InterlockDecision d = s.check(Side.PRIMARY, true);
        assertThat(d.allowed()).isFalse();
        assertThat(d.sentence()).startsWith("The secondary already took over (QEMU reports last-mode=secondary, "
                + "mode=none, reason=request)");
    }

    @Test
    void aFencedSideIsNeverPromotedAfterAFailedFailover() {
        Scenario s = Scenario.protectedPair().apply(new Observation.FailoverStarted(Side.SECONDARY, Scenario.T0))
                .apply(new Observation.Fenced(Side.PRIMARY, Scenario.T0, "stop"))
                .apply(new Observation.FailoverFailed(Side.SECONDARY, Scenario.T0, "lost-heartbeat timed out"));
        InterlockDecision d = s.check(Side.PRIMARY, true);
        assertThat(d.allowed()).isFalse();
        assertThat(d.sentence()).contains("was fenced");
        assertThat(s.check(Side.SECONDARY, false).allowed()).isTrue();
    }

    @Test
    void aSideThatIsNotInColoHasNothingToFailOver() {
        Scenario s = new Scenario();
        for (Side side : Side.values()) {
            s.apply(new Observation.Connected(side, s.now, "7.2.22", false)).pingOk(side);
        }
        assertThat(s.check(Side.SECONDARY, false).sentence()).contains("not in COLO");
    }

    @Test
    void verificationNeedsTheRequestedExitAndARunningGuest() {
        Scenario s = Scenario.protectedPair().after(Duration.ofMillis(10)).killed(Side.PRIMARY)
                .coloExit(Side.SECONDARY, "error");
        assertThat(FailoverPlan.verified(s.state, Side.SECONDARY)).isFalse();
        s.polledTookOver(Side.SECONDARY);
        s.apply(new Observation.StatusPolled(Side.SECONDARY, s.now, false, "paused"));
        assertThat(FailoverPlan.verified(s.state, Side.SECONDARY)).isFalse();
        s.apply(new Observation.StatusPolled(Side.SECONDARY, s.now, true, "running"));
        assertThat(FailoverPlan.verified(s.state, Side.SECONDARY)).isTrue();
    }

    @Test
    void anAcknowledgedFenceIsRefusedWhileTheChosenSideStillCheckpointsWithTheOtherSide() {
        // the operator says the primary's host is fenced, but the secondary still receives its checkpoints
        Scenario s = Scenario.protectedPair().after(Duration.ofMillis(1200)).frozen(Side.PRIMARY)
                .after(Duration.ofMillis(50)).checkpointOn(Side.SECONDARY).after(Duration.ofMillis(100));
        InterlockDecision d = FailoverInterlock.check(s.state, new FailoverRequest(Side.SECONDARY, true), s.now);
        assertThat(d.allowed()).isFalse();
        assertThat(d.sentence()).isEqualTo("The primary does not answer the console, but the secondary still "
                + "checkpoints with it, so its QEMU runs and replicates. Do not fail over; fix the console's "
                + "connection to the primary, or fence its host and wait until the checkpoints stop.");
        // once the checkpoints stop the acknowledgement counts again
        s.after(Duration.ofSeconds(5));
        assertThat(FailoverInterlock.check(s.state, new FailoverRequest(Side.SECONDARY, true), s.now).allowed())
                .isTrue();
    }

    @Test
    void aLostSocketIsNotTakenAsAGoneProcessWhileCheckpointsStillFlow() {
        Scenario s = Scenario.protectedPair().after(Duration.ofMillis(100)).killed(Side.PRIMARY)
                .after(Duration.ofSeconds(1)).checkpointOn(Side.SECONDARY);
        assertThat(FailoverInterlock.check(s.state, new FailoverRequest(Side.SECONDARY, false), s.now).allowed())
                .isFalse();
        assertThat(s.recommendation().kind()).isEqualTo(Recommendation.Kind.DEGRADED);
    }

    @Test
    void aFencedSideThatWasResumedByALostHeartbeatBlocksAnyFurtherFailover() {
        // docs/colo-behaviour.md: lost-heartbeat to a side paused by stop resumes its guest
        Scenario s = Scenario.protectedPair().apply(new Observation.FailoverStarted(Side.SECONDARY, Scenario.T0))
                .apply(new Observation.Stopped(Side.PRIMARY, Scenario.T0))
                .apply(new Observation.Fenced(Side.PRIMARY, Scenario.T0, "stop"))
                .apply(new Observation.FailoverFailed(Side.SECONDARY, Scenario.T0, "verify timed out"))
                .polledTookOver(Side.PRIMARY).polledStatus(Side.PRIMARY, true, "running");
        assertThat(s.state.primary().tookOver()).isTrue();
        assertThat(s.check(Side.SECONDARY, true).allowed()).isFalse();
        assertThat(s.check(Side.SECONDARY, true).sentence()).startsWith("The primary already took over");
    }

    @Test
    void theFailoverStepsCarryTheExactQmpCommands() {
        List<FailoverStep> steps = FailoverPlan.plan(Scenario.protectedPair().check(Side.SECONDARY, false),
                new FailoverRequest(Side.SECONDARY, false), new FailoverPlan.Options(true, true));
        assertThat(steps).extracting(FailoverStep::kind).containsExactly(FailoverStep.Kind.FENCE_STOP,
                FailoverStep.Kind.FENCE_QUIT, FailoverStep.Kind.YANK, FailoverStep.Kind.LOST_HEARTBEAT,
                FailoverStep.Kind.VERIFY);
        assertThat(steps).extracting(FailoverStep::side).containsExactly(Side.PRIMARY, Side.PRIMARY,
                Side.SECONDARY, Side.SECONDARY, Side.SECONDARY);
        FailoverStep yank = steps.get(2);
        assertThat(yank.command()).isEqualTo("yank");
        assertThat(yank.arguments()).isEqualTo(Map.of("instances", List.of(Map.of("type", "migration"))));
        assertThat(yank.outOfBand()).isTrue();
        assertThat(steps).allSatisfy(step -> assertThat(step.sentence()).endsWith("."));
    }

    @Test
    void aNotAcknowledgedFenceOfAnUnreachableSideNeverYieldsAPlan() {
        InterlockDecision refused = Scenario.protectedPair().unreachable(Side.PRIMARY).check(Side.SECONDARY, false);
        assertThatThrownBy(() -> FailoverPlan.plan(refused, new FailoverRequest(Side.SECONDARY, false),
                FailoverPlan.Options.defaults())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void verificationFailsWhileTheOtherSidesGuestStillRuns() {
        Scenario s = Scenario.protectedPair().lostHeartbeatSent(Side.SECONDARY);
        assertThat(Verification.verified(s.state, Side.SECONDARY)).isFalse();
        assertThat(Verification.whyNot(s.state, Side.SECONDARY))
                .isEqualTo("The primary's guest still runs beside the secondary.");
        s.apply(new Observation.Stopped(Side.PRIMARY, s.now)).apply(new Observation.Fenced(Side.PRIMARY, s.now, "stop"));
        assertThat(Verification.verified(s.state, Side.SECONDARY)).isTrue();
    }

    @Test
    void aFencedSideWhoseStatusReplyIsMalformedIsNeverCountedAsStopped() {
        Scenario s = Scenario.protectedPair().lostHeartbeatSent(Side.SECONDARY);
        s.apply(new Observation.Stopped(Side.PRIMARY, s.now)).apply(new Observation.Fenced(Side.PRIMARY, s.now, "stop"));
        // query-status answered without a boolean "running": the run state is unknown, not "not running"
        s.apply(new Observation.StatusPolled(Side.PRIMARY, s.now, java.util.Optional.empty(), "paused"));
        assertThat(Verification.verified(s.state, Side.SECONDARY)).isFalse();
        assertThat(Verification.whyNot(s.state, Side.SECONDARY)).contains("run state is not known");
    }
}
