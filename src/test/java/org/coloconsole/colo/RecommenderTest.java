package org.coloconsole.colo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** One test per row of colo-lab.md's fault table, plus the cases the issue names. */
class RecommenderTest {

    @Test
    void healthyPairIsProtected() {
        Recommendation r = Scenario.protectedPair().after(Duration.ofSeconds(1)).recommendation();
        assertThat(r.kind()).isEqualTo(Recommendation.Kind.PROTECTED);
        assertThat(r.headline()).startsWith("Protected").contains("last checkpoint 1.0 s ago");
    }

    @Test
    void primarySigkillRecommendsPromotingTheSecondaryWithoutAcknowledgement() {
        Scenario s = Scenario.protectedPair().after(Duration.ofMillis(500)).killed(Side.PRIMARY)
                .after(Duration.ofMillis(3)).coloExit(Side.SECONDARY, "error").after(Duration.ofMillis(2100));
        Recommendation r = s.recommendation();
        assertThat(r.kind()).isEqualTo(Recommendation.Kind.PROMOTE_SECONDARY);
        assertThat(r.target()).contains(Side.SECONDARY);
        assertThat(r.needsFencingAcknowledgement()).isFalse();
        assertThat(r.headline()).isEqualTo("Primary lost 2.1 s ago (socket closed); secondary healthy and "
                + "waiting after COLO_EXIT reason=error. Recommended: promote the secondary.");
    }

    @Test
    void secondarySigkillRecommendsContinuingOnThePrimary() {
        Scenario s = Scenario.protectedPair().killed(Side.SECONDARY).after(Duration.ofSeconds(1));
        assertThat(s.recommendation().kind()).isEqualTo(Recommendation.Kind.CONTINUE_ON_PRIMARY);
        // the primary's COLO_EXIT comes only at its next checkpoint: the advice must not wait for it
        s.coloExit(Side.PRIMARY, "error");
        assertThat(s.recommendation().kind()).isEqualTo(Recommendation.Kind.CONTINUE_ON_PRIMARY);
        assertThat(s.recommendation().target()).contains(Side.PRIMARY);
    }

    @Test
    void secondaryStoppedIsNoticedOnlyByThePingsAndNeedsFencing() {
        Scenario s = Scenario.protectedPair().frozen(Side.SECONDARY);
        assertThat(s.state.secondary().heartbeat().status()).isEqualTo(HeartbeatStatus.UNRESPONSIVE);
        Recommendation r = s.recommendation();
        assertThat(r.kind()).isEqualTo(Recommendation.Kind.CONTINUE_ON_PRIMARY);
        assertThat(r.needsFencingAcknowledgement()).isTrue();
        assertThat(r.headline()).contains("not answering pings").contains("Fence the secondary's host first");
    }

    @Test
    void primaryStoppedRecommendsPromotingTheSecondaryOnlyAfterFencing() {
        Scenario s = Scenario.protectedPair().frozen(Side.PRIMARY);
        Recommendation r = s.recommendation();
        assertThat(r.kind()).isEqualTo(Recommendation.Kind.PROMOTE_SECONDARY);
        assertThat(r.needsFencingAcknowledgement()).isTrue();
    }

    @Test
    void aLostHeartbeatSentToTheSecondaryOutsideTheConsoleShowsAsFailedOverAndDegraded() {
        Scenario s = Scenario.protectedPair().coloExit(Side.SECONDARY, "request")
                .after(Duration.ofSeconds(2)).coloExit(Side.PRIMARY, "error");
        assertThat(s.state.secondary().tookOver()).isTrue();
        Recommendation r = s.recommendation();
        assertThat(r.kind()).isEqualTo(Recommendation.Kind.DEGRADED);
        assertThat(r.headline()).contains("Secondary runs the VM alone");
    }

    @Test
    void aLostHeartbeatSentToThePrimaryShowsThePrimaryCarryingOn() {
        Scenario s = Scenario.protectedPair().coloExit(Side.PRIMARY, "request").coloExit(Side.SECONDARY, "error");
        assertThat(s.state.primary().tookOver()).isTrue();
        assertThat(s.recommendation().headline()).contains("Primary runs the VM alone");
    }

    @Test
    void aFreshProcessSeesAFailoverFromPollsAlone() {
        Scenario s = Scenario.protectedPair().polledTookOver(Side.SECONDARY);
        assertThat(s.state.secondary().tookOver()).isTrue();
        assertThat(s.recommendation().kind()).isEqualTo(Recommendation.Kind.DEGRADED);
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
            s.after(Duration.ofSeconds(2)).apply(new Observation.Stopped(Side.SECONDARY, s.now))
                    .apply(new Observation.Resumed(Side.SECONDARY, s.now));
        }
        Recommendation r = s.after(Duration.ofMillis(500)).recommendation();
        assertThat(r.kind()).isEqualTo(Recommendation.Kind.DEGRADED);
        assertThat(r.headline()).contains("replication looks healthy").contains("Do not fail over");
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
    void beforeAnyConnectionTheConsoleWaits() {
        Scenario s = new Scenario();
        assertThat(s.recommendation().kind()).isEqualTo(Recommendation.Kind.WAIT);
    }

    @Test
    void aPairNotInColoIsDegraded() {
        Scenario s = new Scenario();
        for (Side side : Side.values()) {
            s.apply(new Observation.Connected(side, s.now, "7.2.22", false)).pingOk(side);
        }
        assertThat(s.recommendation().kind()).isEqualTo(Recommendation.Kind.DEGRADED);
        assertThat(s.recommendation().headline()).startsWith("Not protected");
    }
}
