package org.coloconsole.colo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The recommendation for every row of the fault table of docs/colo-behaviour.md (each fed with what that row's
 * transcript shows the sides emit), plus the cases between the rows (slow, frozen, rejected, a failover running).
 * Test names are the scenarios.
 */
class RecommenderTest {

    @Test
    void healthyPairIsProtected() {
        Recommendation r = Scenario.protectedPair().after(Duration.ofSeconds(1)).recommendation();
        assertThat(r.kind()).isEqualTo(Recommendation.Kind.PROTECTED);
        assertThat(r.headline()).isEqualTo("Protected: both sides healthy and replicating; checkpoint every 2.0 s, "
                + "last 1.0 s ago.");
    }

    @Test
    void protectionIsEarnedByACheckpointNotAssumedFromTheModes() {
        Scenario s = freshConsoleOnAPairInColo(Optional.of(Scenario.DELAY));
        Recommendation r = s.after(Duration.ofSeconds(1)).recommendation();
        assertThat(r.kind()).isEqualTo(Recommendation.Kind.WAIT);
        assertThat(r.headline()).isEqualTo("Checking replication: both sides are in COLO; waiting for a checkpoint "
                + "(every 2.0 s expected).");
        s.after(Duration.ofMillis(500)).checkpointOn(Side.PRIMARY);
        assertThat(s.recommendation().kind()).isEqualTo(Recommendation.Kind.PROTECTED);
    }

    @Test
    void aPairWhoseCheckpointIntervalIsUnknownIsNotCalledProtected() {
        Scenario s = freshConsoleOnAPairInColo(Optional.empty());
        s.after(Duration.ofMillis(500)).checkpointOn(Side.PRIMARY);
        Recommendation r = s.recommendation();
        assertThat(r.kind()).isEqualTo(Recommendation.Kind.WAIT);
        assertThat(r.headline()).contains("checkpoint interval is not known");
    }

    /** A console that has just connected: polls say COLO on both sides, no STOP/RESUME seen yet. */
    private static Scenario freshConsoleOnAPairInColo(Optional<Duration> delay) {
        Scenario s = new Scenario();
        for (Side side : Side.values()) {
            s.apply(new Observation.Connected(side, s.now, "7.2.22", false)).pingOk(side)
                    .apply(new Observation.ColoStatusPolled(side, s.now, Tag.of(ColoMode.class, side.label()),
                            Optional.of(Tag.of(ColoMode.class, "none")), Tag.of(ColoExitReason.class, "none")))
                    .apply(new Observation.MigratePolled(side, s.now, "colo"));
            if (delay.isPresent()) {
                s.apply(new Observation.CheckpointDelayPolled(side, s.now, delay.get()));
            }
            s.apply(new Observation.Resynced(side, s.now));
        }
        return s;
    }

    /** Rows of the fault table, in its order. */
    @Nested
    class FaultTable {

        @Test
        void lostHeartbeatToTheSecondaryLeavesThePrimaryRunningSoTwoGuestsRun() {
            // transcript a: the secondary leaves COLO and resumes; the primary only sees COLO_EXIT error and runs on
            Scenario s = Scenario.protectedPair().lostHeartbeatSent(Side.SECONDARY)
                    .after(Duration.ofMillis(484)).coloExit(Side.PRIMARY, "error");
            assertThat(s.state.secondary().tookOver()).isTrue();
            assertThat(s.state.twoGuestsRun()).isTrue();
            Recommendation r = s.recommendation();
            assertThat(r.kind()).isEqualTo(Recommendation.Kind.SPLIT_BRAIN);
            assertThat(r.target()).isEmpty();
            assertThat(r.headline()).isEqualTo("Split brain: the secondary left COLO on request and runs, and the "
                    + "primary's guest still runs too. Stop the primary now (QEMU does not fence it).");
        }

        @Test
        void lostHeartbeatToThePrimaryLeavesTheSecondaryRunningSoTwoGuestsRun() {
            // transcript b: the secondary's guest keeps running after its COLO_EXIT error
            Scenario s = Scenario.protectedPair().lostHeartbeatSent(Side.PRIMARY).coloExit(Side.SECONDARY, "error");
            assertThat(s.state.primary().tookOver()).isTrue();
            assertThat(s.recommendation().headline()).startsWith("Split brain: the primary left COLO")
                    .contains("Stop the secondary now");
        }

        @Test
        void primarySigkillRecommendsPromotingTheSecondaryWithoutAcknowledgement() {
            Scenario s = Scenario.protectedPair().after(Duration.ofMillis(500)).killed(Side.PRIMARY)
                    .after(Duration.ofMillis(3)).coloExit(Side.SECONDARY, "error").after(Duration.ofMillis(2100));
            Recommendation r = s.recommendation();
            assertThat(r.kind()).isEqualTo(Recommendation.Kind.PROMOTE_SECONDARY);
            assertThat(r.target()).contains(Side.SECONDARY);
            assertThat(r.needsFencingAcknowledgement()).isFalse();
            assertThat(r.headline()).isEqualTo("Primary lost 2.1 s ago (socket closed); secondary healthy "
                    + "and waiting after COLO_EXIT reason=error. Recommended: promote the secondary.");
        }

        @Test
        void secondarySigkillRecommendsContinuingOnThePrimary() {
            Scenario s = Scenario.protectedPair().killed(Side.SECONDARY).after(Duration.ofSeconds(1));
            assertThat(s.recommendation().kind()).isEqualTo(Recommendation.Kind.CONTINUE_ON_PRIMARY);
            // the primary's COLO_EXIT comes only at its next checkpoint: the advice must not wait for it
            s.coloExit(Side.PRIMARY, "error");
            assertThat(s.recommendation().kind()).isEqualTo(Recommendation.Kind.CONTINUE_ON_PRIMARY);
            assertThat(s.recommendation().target()).contains(Side.PRIMARY);
            assertThat(s.recommendation().needsFencingAcknowledgement()).isFalse();
        }

        @Test
        void secondarySigstopIsNoticedOnlyByThePingsAndNeedsFencing() {
            // transcript e1: the primary emits nothing at all and blocks
            Scenario s = Scenario.protectedPair().frozen(Side.SECONDARY);
            assertThat(s.state.secondary().heartbeat().status()).isEqualTo(HeartbeatStatus.UNRESPONSIVE);
            Recommendation r = s.recommendation();
            assertThat(r.kind()).isEqualTo(Recommendation.Kind.CONTINUE_ON_PRIMARY);
            assertThat(r.needsFencingAcknowledgement()).isTrue();
            assertThat(r.headline()).contains("not answering pings").contains("Fence the secondary's host first");
        }

        @Test
        void secondarySigstopThenSigcontLeavesItPausedAfterErrorSoContinueOnThePrimary() {
            Scenario s = Scenario.protectedPair().frozen(Side.SECONDARY).after(Duration.ofSeconds(20))
                    .pingOk(Side.SECONDARY);
            s.apply(new Observation.Stopped(Side.SECONDARY, s.now)).coloExit(Side.SECONDARY, "error")
                    .polledStatus(Side.SECONDARY, false, "colo");
            Recommendation r = s.recommendation();
            assertThat(r.kind()).isEqualTo(Recommendation.Kind.CONTINUE_ON_PRIMARY);
            assertThat(r.needsFencingAcknowledgement()).isFalse();
            assertThat(r.headline()).contains("the secondary reported COLO_EXIT reason=error");
        }

        @Test
        void primarySigstopRecommendsPromotingTheSecondaryOnlyAfterFencing() {
            Scenario s = Scenario.protectedPair().frozen(Side.PRIMARY);
            Recommendation r = s.recommendation();
            assertThat(r.kind()).isEqualTo(Recommendation.Kind.PROMOTE_SECONDARY);
            assertThat(r.needsFencingAcknowledgement()).isTrue();
            assertThat(r.headline()).contains("Fence the primary's host first");
        }

        @Test
        void primarySigstopThenSigcontAfterThePromotionIsSplitBrain() {
            // transcript e2: the secondary promoted with the acknowledgement; the primary thaws and runs on
            Scenario s = Scenario.protectedPair().frozen(Side.PRIMARY).consoleFailover(Side.SECONDARY, false)
                    .after(Duration.ofSeconds(2));
            assertThat(s.recommendation().headline()).startsWith("Secondary runs the VM alone");
            s.pingOk(Side.PRIMARY).coloExit(Side.PRIMARY, "error").polledStatus(Side.PRIMARY, true, "running");
            Recommendation r = s.recommendation();
            assertThat(r.kind()).isEqualTo(Recommendation.Kind.SPLIT_BRAIN);
            assertThat(r.headline()).startsWith("Split brain").contains("Stop the primary now");
        }
    }

    @Test
    void bothSidesLostCannotTell() {
        Scenario s = Scenario.protectedPair().killed(Side.PRIMARY).killed(Side.SECONDARY);
        assertThat(s.recommendation().kind()).isEqualTo(Recommendation.Kind.CANNOT_TELL);
        assertThat(s.recommendation().headline()).startsWith("Neither side answers");
    }

    @Test
    void aNetworkCutToOneSideWhileReplicationIsHealthyIsNeverAPromotion() {
        Scenario s = Scenario.protectedPair().unreachable(Side.PRIMARY);
        for (int i = 0; i < 5; i++) {
            s.after(Duration.ofSeconds(2)).checkpointOn(Side.SECONDARY);
            Recommendation r = s.after(Duration.ofMillis(500)).recommendation();
            assertThat(r.kind()).isEqualTo(Recommendation.Kind.DEGRADED);
            assertThat(r.headline()).contains("replication looks healthy").contains("Do not fail over");
        }
    }

    @Test
    void aNetworkCutFirstSeenAsMissedPingsWhileCheckpointsFlowIsNeverAPromotion() {
        // a cut without a reset: the socket stays open, pings go unanswered, the secondary still checkpoints
        Scenario s = Scenario.protectedPair().after(Duration.ofMillis(1200)).frozen(Side.PRIMARY)
                .after(Duration.ofMillis(50)).checkpointOn(Side.SECONDARY);
        Recommendation r = s.after(Duration.ofMillis(100)).recommendation();
        assertThat(r.kind()).isEqualTo(Recommendation.Kind.DEGRADED);
        assertThat(r.headline()).startsWith("Primary not answering pings").contains("Do not fail over");
        // once the checkpoints stop too, the primary is really frozen
        s.after(Duration.ofSeconds(5));
        assertThat(s.recommendation().kind()).isEqualTo(Recommendation.Kind.PROMOTE_SECONDARY);
    }

    @Test
    void aNetworkCutWithReplicationBrokenRecommendsPromotionWithFencing() {
        Scenario s = Scenario.protectedPair().unreachable(Side.PRIMARY).after(Duration.ofMillis(5))
                .coloExit(Side.SECONDARY, "error");
        Recommendation r = s.recommendation();
        assertThat(r.kind()).isEqualTo(Recommendation.Kind.PROMOTE_SECONDARY);
        assertThat(r.needsFencingAcknowledgement()).isTrue();
    }

    @Test
    void theSecondarysOwnCheckpointDelayParameterDoesNotSetTheRhythm() {
        // only the primary's x-checkpoint-delay (2 s) matters; the secondary's reads QEMU's default 20 s
        Scenario s = Scenario.protectedPair()
                .apply(new Observation.CheckpointDelayPolled(Side.SECONDARY, Scenario.T0, Duration.ofSeconds(20)))
                .unreachable(Side.PRIMARY).after(Duration.ofSeconds(1)).checkpointOn(Side.SECONDARY)
                .after(Duration.ofSeconds(5));
        assertThat(s.recommendation().kind()).isEqualTo(Recommendation.Kind.PROMOTE_SECONDARY);
    }

    @Test
    void afterASuccessfulFailoverTheSurvivorRunsUnprotected() {
        Scenario s = Scenario.protectedPair().consoleFailover(Side.SECONDARY, true);
        Recommendation r = s.recommendation();
        assertThat(r.kind()).isEqualTo(Recommendation.Kind.DEGRADED);
        assertThat(r.headline()).isEqualTo("Secondary runs the VM alone after failover: unprotected. "
                + "Re-protect the pair.");
    }

    @Test
    void aSurvivorWhoseGuestStoppedSinceIsNotSaidToRunTheVm() {
        // found by the lab campaign: the survivor's QEMU restarted, paused at -S and out of COLO
        Scenario s = Scenario.protectedPair().consoleFailover(Side.SECONDARY, true).after(Duration.ofSeconds(3))
                .polledStatus(Side.SECONDARY, false, "prelaunch");
        Recommendation r = s.recommendation();
        assertThat(r.kind()).isEqualTo(Recommendation.Kind.CANNOT_TELL);
        assertThat(r.headline()).startsWith("The secondary took over, but its guest does not run now")
                .contains("The VM may run nowhere").doesNotContain("runs the VM alone");
    }

    @Test
    void aFreshProcessSeesAFailoverFromPollsAlone() {
        Scenario s = Scenario.protectedPair().polledTookOver(Side.SECONDARY)
                .polledStatus(Side.PRIMARY, false, "paused");
        assertThat(s.state.secondary().tookOver()).isTrue();
        assertThat(s.recommendation().kind()).isEqualTo(Recommendation.Kind.DEGRADED);
        assertThat(s.recommendation().headline()).startsWith("Secondary runs the VM alone");
    }

    @Test
    void aFreshProcessSeesBothSidesFailedOverAsSplitBrain() {
        // transcript a2: a second lost-heartbeat, to the primary, resumed it; polls say both left COLO on request
        Scenario s = Scenario.protectedPair().polledTookOver(Side.SECONDARY).polledTookOver(Side.PRIMARY);
        assertThat(s.recommendation().headline()).startsWith("Split brain: both sides left COLO on request");
    }

    @Test
    void aFailedFailoverAfterFencingRecommendsARetryOnTheSameSide() {
        Scenario s = Scenario.protectedPair().apply(new Observation.FailoverStarted(Side.SECONDARY, Scenario.T0))
                .apply(new Observation.Stopped(Side.PRIMARY, Scenario.T0))
                .apply(new Observation.Fenced(Side.PRIMARY, Scenario.T0, "stop"))
                .apply(new Observation.FailoverFailed(Side.SECONDARY, Scenario.T0, "not verified within 5000 ms"));
        Recommendation r = s.recommendation();
        assertThat(r.kind()).isEqualTo(Recommendation.Kind.PROMOTE_SECONDARY);
        assertThat(r.target()).contains(Side.SECONDARY);
        assertThat(r.headline()).isEqualTo("Failover to the secondary failed; the primary is fenced (its guest "
                + "stopped), so the VM may run nowhere. Recommended: retry — promote the secondary.");
        assertThat(r.reasons()).anyMatch(line -> line.contains("not verified within 5000 ms"));
    }

    @Test
    void checkpointsThatStopWhileBothAnswerAreAStall() {
        Scenario s = Scenario.protectedPair();
        for (int i = 0; i < 4; i++) {
            s.after(Duration.ofSeconds(1)).pingOk(Side.PRIMARY).pingOk(Side.SECONDARY);
        }
        assertThat(s.recommendation().kind()).isEqualTo(Recommendation.Kind.PROTECTED);
        s.after(Duration.ofMillis(500)).pingOk(Side.PRIMARY);
        Recommendation r = s.recommendation();
        assertThat(r.kind()).isEqualTo(Recommendation.Kind.DEGRADED);
        assertThat(r.headline()).startsWith("Replication stalled: no checkpoint for 4.5 s");
    }

    @Test
    void aConsoleThatNeverSawACheckpointStillNoticesAStall() {
        // a fresh process: polls say COLO, but no STOP/RESUME ever comes
        Scenario s = freshConsoleOnAPairInColo(Optional.of(Scenario.DELAY));
        assertThat(s.after(Duration.ofSeconds(3)).recommendation().kind()).isEqualTo(Recommendation.Kind.WAIT);
        assertThat(s.after(Duration.ofSeconds(2)).recommendation().headline())
                .startsWith("Replication stalled: no checkpoint for 5.0 s");
    }

    @Test
    void aReplicationLinkBreakWithBothSidesAnsweringContinuesOnThePrimary() {
        Scenario s = Scenario.protectedPair().coloExit(Side.PRIMARY, "error").coloExit(Side.SECONDARY, "error");
        assertThat(s.recommendation().kind()).isEqualTo(Recommendation.Kind.CONTINUE_ON_PRIMARY);
        assertThat(s.recommendation().headline()).contains("both sides wait");
    }

    @Test
    void aReconnectWaitsUntilTheStateIsReadAgain() {
        Scenario s = Scenario.protectedPair().killed(Side.PRIMARY).after(Duration.ofMillis(300))
                .apply(new Observation.Connected(Side.PRIMARY, Scenario.T0.plusMillis(300), "7.2.22", true));
        assertThat(s.state.primary().gap()).get().extracting(Gap::resynced).isEqualTo(false);
        assertThat(s.recommendation().kind()).isEqualTo(Recommendation.Kind.WAIT);
        s.apply(new Observation.Resynced(Side.PRIMARY, s.now));
        assertThat(s.recommendation().kind()).isEqualTo(Recommendation.Kind.PROTECTED);
        assertThat(s.state.primary().gap().get().from()).isEqualTo(Scenario.T0);
    }

    @Test
    void aProtocolErrorOrTheOperatorsDisconnectIsNotALostSide() {
        for (Observation.Lost.Why why : new Observation.Lost.Why[] {Observation.Lost.Why.PROTOCOL_ERROR,
                Observation.Lost.Why.BY_USER}) {
            Scenario s = Scenario.protectedPair()
                    .apply(new Observation.Lost(Side.PRIMARY, Scenario.T0, SocketKind.LOCAL_UNIX, why, "the monitor sent a line over 1 MiB"));
            assertThat(s.state.primary().heartbeat().status()).isEqualTo(HeartbeatStatus.UNKNOWN);
            Recommendation r = s.after(Duration.ofMillis(400)).recommendation();
            assertThat(r.kind()).as("%s", why).isEqualTo(Recommendation.Kind.WAIT);
            assertThat(r.headline()).isEqualTo("Primary disconnected just now ("
                    + (why == Observation.Lost.Why.BY_USER ? "disconnected by the operator"
                    : "QEMU sent what the console cannot read") + "); waiting to reconnect to it.");
        }
    }

    @Test
    void beforeAnyConnectionTheConsoleWaits() {
        Scenario s = new Scenario();
        assertThat(s.recommendation().kind()).isEqualTo(Recommendation.Kind.WAIT);
    }

    @Test
    void aPairNotInColoIsDegradedOnceBothSidesWereRead() {
        Scenario s = new Scenario();
        for (Side side : Side.values()) {
            s.apply(new Observation.Connected(side, s.now, "7.2.22", false)).pingOk(side);
        }
        // connected and answering, but nothing read yet: "not in COLO" would be a guess
        assertThat(s.recommendation().kind()).isEqualTo(Recommendation.Kind.WAIT);
        assertThat(s.recommendation().headline()).isEqualTo("Connected to the primary; reading its state.");
        for (Side side : Side.values()) {
            s.apply(new Observation.Resynced(side, s.now));
        }
        assertThat(s.recommendation().kind()).isEqualTo(Recommendation.Kind.DEGRADED);
        assertThat(s.recommendation().headline()).startsWith("Not protected");
    }
}
