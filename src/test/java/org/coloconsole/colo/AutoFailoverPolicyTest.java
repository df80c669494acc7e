package org.coloconsole.colo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The policy on the faults the lab pair shows (docs/colo-behaviour.md): kill, freeze, fence. */
class AutoFailoverPolicyTest {
    private static final AutoFailoverSettings UNIX_NO_FENCE = new AutoFailoverSettings(true,
            AutoFailoverSettings.DEFAULT_GRACE, Set.of());
    private static final AutoFailoverSettings UNIX_WITH_FENCE = new AutoFailoverSettings(true,
            AutoFailoverSettings.DEFAULT_GRACE, EnumSet.allOf(Side.class));

    private static Scenario primaryKilled() {
        return Scenario.protectedPair().after(Duration.ofMillis(300)).killed(Side.PRIMARY)
                .coloExit(Side.SECONDARY, "error");
    }

    /** A frozen primary: the secondary emits nothing (docs/colo-behaviour.md) and its checkpoints stop. */
    private static Scenario primaryFrozen() {
        return Scenario.protectedPair().frozen(Side.PRIMARY).after(Duration.ofSeconds(5)).pingOk(Side.SECONDARY);
    }

    private static AutoFailoverDecision decide(Scenario s, AutoFailoverSettings settings, Optional<Duration> elapsed,
                                               Optional<FenceOutcome> fence) {
        return AutoFailoverPolicy.decide(s.state, s.now, settings, true, elapsed, fence);
    }

    @Test
    void aKilledPrimaryOnAUnixMonitorCountsDownThenPromotesTheSecondary() {
        Scenario s = primaryKilled();
        AutoFailoverDecision first = decide(s, UNIX_NO_FENCE, Optional.empty(), Optional.empty());
        assertThat(first.kind()).isEqualTo(AutoFailoverDecision.Kind.COUNTDOWN);
        assertThat(first.target()).contains(Side.SECONDARY);
        assertThat(first.remaining()).isEqualTo(Duration.ofSeconds(2));
        assertThat(decide(s, UNIX_NO_FENCE, Optional.of(Duration.ofMillis(1500)), Optional.empty()).remaining())
                .isEqualTo(Duration.ofMillis(500));
        AutoFailoverDecision after = decide(s, UNIX_NO_FENCE, Optional.of(Duration.ofSeconds(2)), Optional.empty());
        assertThat(after.kind()).isEqualTo(AutoFailoverDecision.Kind.PROMOTE);
        assertThat(after.reasons()).anyMatch(r -> r.contains("QEMU is gone (its socket closed)"));
    }

    @Test
    void aKilledPrimaryOverTcpIsNoProofWithoutAFence() {
        // over TCP a closed connection may be a firewall's reset while QEMU runs (DeathEvidence): unreachable
        Scenario s = Scenario.protectedPair().after(Duration.ofMillis(300))
                .apply(new Observation.Lost(Side.PRIMARY, Scenario.T0.plusMillis(300), SocketKind.TCP,
                        Observation.Lost.Why.CLOSED_BY_PEER, "the connection closed"))
                .coloExit(Side.SECONDARY, "error");
        assertThat(s.state.primary().heartbeat().status()).isEqualTo(HeartbeatStatus.UNREACHABLE);
        AutoFailoverSettings noFence = new AutoFailoverSettings(true, Duration.ZERO, Set.of());
        AutoFailoverDecision d = decide(s, noFence, Optional.of(Duration.ofSeconds(9)), Optional.empty());
        assertThat(d.kind()).isEqualTo(AutoFailoverDecision.Kind.HOLD);
        assertThat(d.sentence()).contains("no fence action is configured");
        // with a fence action, the same rule as a click: fence it after the grace period
        AutoFailoverSettings fenced = new AutoFailoverSettings(true, Duration.ZERO, Set.of(Side.PRIMARY));
        assertThat(decide(s, fenced, Optional.of(Duration.ofSeconds(9)), Optional.empty()).kind())
                .isEqualTo(AutoFailoverDecision.Kind.FENCE);
        assertThat(FenceRule.runFirst(FailoverOption.of(s.state, Side.SECONDARY, s.now), Set.of(Side.PRIMARY),
                Optional.empty())).isTrue();
    }

    @Test
    void aFrozenPrimaryWithoutAFenceIsLeftToTheOperator() {
        AutoFailoverDecision d = decide(primaryFrozen(), UNIX_NO_FENCE, Optional.of(Duration.ofSeconds(9)),
                Optional.empty());
        assertThat(d.kind()).isEqualTo(AutoFailoverDecision.Kind.HOLD);
        assertThat(d.sentence()).contains("unresponsive").contains("no fence action");
    }

    @Test
    void aFrozenPrimaryWithAFenceIsFencedAfterTheGraceThenPromoted() {
        Scenario s = primaryFrozen();
        assertThat(decide(s, UNIX_WITH_FENCE, Optional.empty(), Optional.empty()).kind())
                .isEqualTo(AutoFailoverDecision.Kind.COUNTDOWN);
        assertThat(decide(s, UNIX_WITH_FENCE, Optional.of(Duration.ofSeconds(2)), Optional.empty()).kind())
                .isEqualTo(AutoFailoverDecision.Kind.FENCE);
        FenceOutcome off = new FenceOutcome(Side.PRIMARY, FenceAction.OFF, FenceOutcome.Result.SUCCEEDED,
                Optional.of(0), s.now, "fence_colo_lab off: killed");
        assertThat(decide(s, UNIX_WITH_FENCE, Optional.of(Duration.ofSeconds(2)), Optional.of(off)).kind())
                .as("the secondary has not noticed yet").isEqualTo(AutoFailoverDecision.Kind.AWAIT_EXIT);
        s.coloExit(Side.SECONDARY, "error");
        AutoFailoverDecision d = decide(s, UNIX_WITH_FENCE, Optional.of(Duration.ofSeconds(2)), Optional.of(off));
        assertThat(d.kind()).isEqualTo(AutoFailoverDecision.Kind.PROMOTE);
        assertThat(FailoverInterlock.check(s.state, new FailoverRequest(Side.SECONDARY, false, Optional.of(off)),
                s.now).allowed()).isTrue();
    }

    @Test
    void aPrimaryJustGoneSilentIsNotFencedBeforeACheckpointIsOverdue() {
        // three missed pings under load look like a freeze; only two checkpoint intervals without one prove it
        Scenario s = Scenario.protectedPair();
        // as on the lab pair: the secondary reports QEMU's default interval; the primary's is the one in use
        s.apply(new Observation.CheckpointDelayPolled(Side.SECONDARY, s.now, Duration.ofSeconds(20)));
        s.frozen(Side.PRIMARY).pingOk(Side.SECONDARY);
        AutoFailoverDecision d = decide(s, UNIX_WITH_FENCE, Optional.of(Duration.ofSeconds(9)), Optional.empty());
        assertThat(d.kind()).isEqualTo(AutoFailoverDecision.Kind.HOLD);
        assertThat(d.sentence()).contains("waiting two checkpoint intervals (4000 ms)");
        // counted from the primary's last answer, 750 ms before it turned unresponsive
        s.after(Duration.ofMillis(3249)).pingOk(Side.SECONDARY);
        assertThat(decide(s, UNIX_WITH_FENCE, Optional.empty(), Optional.empty()).kind())
                .isEqualTo(AutoFailoverDecision.Kind.HOLD);
        s.after(Duration.ofMillis(1)).pingOk(Side.SECONDARY);
        assertThat(decide(s, UNIX_WITH_FENCE, Optional.empty(), Optional.empty()).kind())
                .isEqualTo(AutoFailoverDecision.Kind.COUNTDOWN);
    }

    @Test
    void aTimedOutFenceHoldsAndSaysWhy() {
        Scenario s = primaryFrozen();
        FenceOutcome hung = new FenceOutcome(Side.PRIMARY, FenceAction.OFF, FenceOutcome.Result.TIMED_OUT,
                Optional.empty(), s.now, "no answer within 1000 ms");
        AutoFailoverDecision d = decide(s, UNIX_WITH_FENCE, Optional.of(Duration.ofSeconds(2)), Optional.of(hung));
        assertThat(d.kind()).isEqualTo(AutoFailoverDecision.Kind.HOLD);
        assertThat(d.sentence()).contains("timed_out").contains("operator decides");
    }

    @Test
    void aSideThatAnswersAgainAfterItsFenceIsNoLongerProvenDown() {
        Scenario s = primaryFrozen();
        FenceOutcome off = new FenceOutcome(Side.PRIMARY, FenceAction.OFF, FenceOutcome.Result.SUCCEEDED,
                Optional.of(0), s.now, "off");
        s.after(Duration.ofSeconds(1)).pingOk(Side.PRIMARY);
        assertThat(off.provesDown(s.state.side(Side.PRIMARY))).isFalse();
    }

    @Test
    void aFrozenPrimaryWhileTheSecondaryStillCheckpointsIsNeverFencedOrPromoted() {
        // the secondary reports no COLO_EXIT: it still replicates with the primary, whose QEMU therefore runs
        Scenario s = Scenario.protectedPair().frozen(Side.PRIMARY);
        s.after(Duration.ofMillis(100)).checkpointOn(Side.SECONDARY).pingOk(Side.SECONDARY);
        AutoFailoverDecision d = decide(s, UNIX_WITH_FENCE, Optional.of(Duration.ofSeconds(9)), Optional.empty());
        assertThat(d.kind()).isEqualTo(AutoFailoverDecision.Kind.HOLD);
        assertThat(d.sentence()).contains("still checkpoints");
    }
}
