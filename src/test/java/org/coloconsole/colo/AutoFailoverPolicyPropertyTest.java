package org.coloconsole.colo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The automatic failover can never do what the manual path would refuse, and never acts without proof that the
 * other side is down. Over random histories of faults and reports, with random settings, arming, grace time and
 * fence outcomes.
 */
class AutoFailoverPolicyPropertyTest {

    @Property(tries = 1500)
    void promotesOnlyWithProofOfDeathAfterTheGraceAndWhereTheInterlockAllows(
            @ForAll(supplier = History.Histories.class) List<History.Move> history,
            @ForAll("settings") AutoFailoverSettings settings, @ForAll boolean armed,
            @ForAll("elapsed") Optional<Duration> elapsed, @ForAll("fences") Optional<FenceSeed> fenceSeed) {
        Scenario s = replay(history);
        Optional<FenceOutcome> fence = fenceSeed.map(f -> f.at(s));
        AutoFailoverDecision d = AutoFailoverPolicy.decide(s.state, s.now, settings, armed, elapsed, fence);
        String where = d + " after " + history + " with " + settings + ", armed " + armed + ", " + elapsed + ", "
                + fence;
        if (d.kind() != AutoFailoverDecision.Kind.PROMOTE && d.kind() != AutoFailoverDecision.Kind.FENCE) {
            return;
        }
        assertThat(settings.enabled()).as(where).isTrue();
        assertThat(armed).as(where).isTrue();
        assertThat(elapsed).as(where).isPresent();
        assertThat(elapsed.get()).as(where).isGreaterThanOrEqualTo(settings.grace());
        Side target = d.target().orElseThrow();
        SideState chosen = s.state.side(target);
        SideState other = s.state.side(target.other());
        assertThat(chosen.waitingAfterError() || chosen.checkpointing()).as(where).isTrue();
        assertThat(Replication.checkpointedAfter(s.state, target, other.heartbeat().since(), s.now)).as(where)
                .isFalse();
        if (!chosen.waitingAfterError()) {
            assertThat(Duration.between(other.heartbeat().lastOkAt().orElse(other.heartbeat().since()), s.now)).as("fenced a side silent for less than "
                    + "two checkpoint intervals: " + where).isGreaterThanOrEqualTo(Scenario.DELAY.multipliedBy(2));
        }
        FailoverOption click = FailoverOption.of(s.state, target, s.now, fence.filter(f -> f.side() == other.side()));
        if (d.kind() == AutoFailoverDecision.Kind.FENCE) {
            assertThat(settings.fenceable()).as(where).contains(other.side());
            // the very fence a click's runbook would run first: the one rule, not a second copy
            assertThat(FenceRule.runFirst(click, settings.fenceable(), fence)).as(where).isTrue();
            return;
        }
        assertThat(chosen.waitingAfterError()).as("promoted without COLO_EXIT error: " + where).isTrue();
        boolean processGone = other.heartbeat().status() == HeartbeatStatus.LOST;
        boolean fenced = fence.filter(f -> f.side() == other.side() && f.result() == FenceOutcome.Result.SUCCEEDED
                && f.action() == FenceAction.OFF).isPresent();
        assertThat(processGone || fenced).as(where).isTrue();
        if (other.heartbeat().status() != HeartbeatStatus.LOST) {
            assertThat(fenced).as("never on " + other.heartbeat().status() + " without a successful fence: " + where)
                    .isTrue();
        }
        assertThat(FenceRule.provenDown(click)).as(where).isTrue();
        // the same interlock as a click, without the operator's acknowledgement, and nothing sent to the other side
        InterlockDecision interlock = FailoverInterlock.check(s.state, new FailoverRequest(target, false, fence),
                s.now);
        assertThat(interlock.allowed()).as(where).isTrue();
        assertThat(interlock.fenceOtherSide()).as(where).isFalse();
    }

    @Property(tries = 1000)
    void aFailedOrTimedOutFenceNeverCountsAsProof(
            @ForAll(supplier = History.Histories.class) List<History.Move> history, @ForAll Side target,
            @ForAll("failures") FenceOutcome.Result result, @ForAll FenceAction action) {
        Scenario s = replay(history);
        FenceOutcome failed = new FenceOutcome(target.other(), action, result, Optional.empty(), s.now, "it failed");
        FailoverOption without = FailoverOption.of(s.state, target, s.now);
        FailoverOption with = FailoverOption.of(s.state, target, s.now, Optional.of(failed));
        assertThat(with).as("after " + history).isEqualTo(without);
        assertThat(FailoverInterlock.check(s.state, new FailoverRequest(target, false, Optional.of(failed)), s.now))
                .as("after " + history)
                .isEqualTo(FailoverInterlock.check(s.state, new FailoverRequest(target, false), s.now));
        AutoFailoverSettings fenceable = new AutoFailoverSettings(true, Duration.ZERO, EnumSet.allOf(Side.class));
        AutoFailoverDecision d = AutoFailoverPolicy.decide(s.state, s.now, fenceable, true,
                Optional.of(Duration.ofSeconds(5)), Optional.of(failed));
        if (d.kind() == AutoFailoverDecision.Kind.PROMOTE && d.target().orElseThrow() == target) {
            // only on the other proof: the QEMU of the side the fence failed on is gone (its UNIX monitor closed)
            assertThat(s.state.side(failed.side()).heartbeat().status()).as("after " + history)
                    .isEqualTo(HeartbeatStatus.LOST);
        }
    }

    /**
     * The manual path's fence: run only where the interlock would otherwise need the operator's word; a successful
     * power-off of the silent side then lets the same failover go without it (and sends nothing to that side); a
     * failed one changes nothing.
     */
    @Property(tries = 1000)
    void theRunbookFencesOnlyWhereProofIsMissingAndASuccessfulFenceIsTheProof(
            @ForAll(supplier = History.Histories.class) List<History.Move> history, @ForAll Side target,
            @ForAll("sides") Set<Side> fenceable, @ForAll FenceOutcome.Result result) {
        Scenario s = replay(history);
        FailoverOption option = FailoverOption.of(s.state, target, s.now);
        boolean runFirst = FenceRule.runFirst(option, fenceable, Optional.empty());
        String where = option + " after " + history + " with " + fenceable;
        InterlockDecision withoutFence = FailoverInterlock.check(s.state, new FailoverRequest(target, false), s.now);
        if (!runFirst) {
            // no fence runs: the preview a confirmation shows is the interlock's own answer
            assertThat(FailoverInterlock.preview(s.state, new FailoverRequest(target, false), s.now, fenceable))
                    .as(where).isEqualTo(withoutFence);
            return;
        }
        assertThat(fenceable).as(where).contains(target.other());
        assertThat(s.state.side(target.other()).answering()).as("fences a side that answers: " + where).isFalse();
        assertThat(s.state.side(target.other()).heartbeat().status()).as(where).isNotEqualTo(HeartbeatStatus.LOST);
        assertThat(withoutFence.allowed()).as("fences where the interlock allows anyway: " + where).isFalse();
        FenceOutcome fence = new FenceOutcome(target.other(), FenceAction.OFF, result,
                result == FenceOutcome.Result.TIMED_OUT ? Optional.empty() : Optional.of(
                        result == FenceOutcome.Result.SUCCEEDED ? 0 : 1), s.now, "fence_test");
        FailoverRequest fenced = new FailoverRequest(target, false, Optional.of(fence));
        InterlockDecision after = FailoverInterlock.check(s.state, fenced, s.now);
        assertThat(after.allowed()).as(result + ": " + where).isEqualTo(result == FenceOutcome.Result.SUCCEEDED);
        assertThat(after.fenceOtherSide()).as(where).isFalse();
        assertThat(FenceRule.provenDown(FailoverOption.of(s.state, target, s.now, Optional.of(fence)))).as(where)
                .isEqualTo(result == FenceOutcome.Result.SUCCEEDED);
        // once it ran, it does not run again for the same failover
        assertThat(FenceRule.runFirst(option, fenceable, Optional.of(fence))).as(where).isFalse();
    }

    @Provide
    Arbitrary<Set<Side>> sides() {
        return Arbitraries.of(Side.class).set();
    }

    @Property(tries = 300)
    void disarmedOrOffNeverActs(@ForAll(supplier = History.Histories.class) List<History.Move> history,
                                @ForAll("fences") Optional<FenceSeed> fenceSeed) {
        Scenario s = replay(history);
        Optional<FenceOutcome> fence = fenceSeed.map(f -> f.at(s));
        AutoFailoverSettings on = new AutoFailoverSettings(true, Duration.ZERO, EnumSet.allOf(Side.class));
        assertThat(AutoFailoverPolicy.decide(s.state, s.now, on, false, Optional.of(Duration.ofSeconds(9)), fence)
                .kind()).isEqualTo(AutoFailoverDecision.Kind.DISARMED);
        AutoFailoverSettings off = new AutoFailoverSettings(false, Duration.ZERO, EnumSet.allOf(Side.class));
        assertThat(AutoFailoverPolicy.decide(s.state, s.now, off, true, Optional.of(Duration.ofSeconds(9)), fence)
                .kind()).isEqualTo(AutoFailoverDecision.Kind.OFF);
    }

    /** A fence outcome drawn before the history is known; its time is the scenario's "now". */
    record FenceSeed(Side side, FenceAction action, FenceOutcome.Result result) {
        FenceOutcome at(Scenario s) {
            return new FenceOutcome(side, action, result, result == FenceOutcome.Result.TIMED_OUT ? Optional.empty()
                    : Optional.of(result == FenceOutcome.Result.SUCCEEDED ? 0 : 1), s.now, "fence_test");
        }
    }

    @Provide
    Arbitrary<AutoFailoverSettings> settings() {
        Arbitrary<Set<Side>> sides = Arbitraries.of(Side.class).set();
        return net.jqwik.api.Combinators.combine(Arbitraries.of(true, true, true, false),
                Arbitraries.of(Duration.ZERO, Duration.ofSeconds(2)), sides).as(AutoFailoverSettings::new);
    }

    @Provide
    Arbitrary<Optional<Duration>> elapsed() {
        return Arbitraries.of(Optional.empty(), Optional.of(Duration.ZERO), Optional.of(Duration.ofMillis(1999)),
                Optional.of(Duration.ofSeconds(2)), Optional.of(Duration.ofSeconds(30)));
    }

    @Provide
    Arbitrary<Optional<FenceSeed>> fences() {
        Arbitrary<FenceSeed> seed = net.jqwik.api.Combinators.combine(Arbitraries.of(Side.class),
                Arbitraries.of(FenceAction.class), Arbitraries.of(FenceOutcome.Result.class)).as(FenceSeed::new);
        return seed.optional();
    }

    @Provide
    Arbitrary<FenceOutcome.Result> failures() {
        return Arbitraries.of(FenceOutcome.Result.FAILED, FenceOutcome.Result.TIMED_OUT);
    }

    private static Scenario replay(List<History.Move> history) {
        Scenario s = Scenario.protectedPair();
        for (History.Move move : history) {
            if (move.step().request()) {
                InterlockDecision d = s.check(History.target(move), History.acknowledged(move));
                if (d.allowed()) {
                    History.failOver(s, History.target(move), d);
                }
            } else {
                History.apply(s, move);
            }
        }
        return s;
    }
}
