package org.coloconsole.ui.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.coloconsole.colo.ConnectionStatus;
import org.coloconsole.colo.FailoverProgress;
import org.coloconsole.colo.FailoverStep;
import org.coloconsole.colo.Heartbeat;
import org.coloconsole.colo.HeartbeatStatus;
import org.coloconsole.colo.PairSnapshot;
import org.coloconsole.colo.PairState;
import org.coloconsole.colo.Recommendation;
import org.coloconsole.colo.Side;
import org.coloconsole.colo.SideState;
import org.coloconsole.ui.fx.Tone;
import org.junit.jupiter.api.Test;

class FailoverViewModelTest {
    private final ScriptedFailoverPort port = new ScriptedFailoverPort();
    private final FailoverViewModel failover = new FailoverViewModel(port, Runnable::run);

    @Test
    void aProtectedPairOffersBothActionsAndRecommendsNone() {
        failover.update(Snapshots.protectedPair());
        assertThat(failover.promoteSecondaryDisabledProperty().get()).isFalse();
        assertThat(failover.continuePrimaryDisabledProperty().get()).isFalse();
        assertThat(failover.recommendedProperty().get()).isEmpty();
    }

    @Test
    void aLostPrimaryCannotContinueAndTheSecondaryIsRecommended() {
        failover.update(Snapshots.primaryKilled());
        assertThat(failover.continuePrimaryDisabledProperty().get()).isTrue();
        assertThat(failover.promoteSecondaryDisabledProperty().get()).isFalse();
        assertThat(failover.recommendedProperty().get()).hasValue(Side.SECONDARY);
    }

    /**
     * The button once asked only "connected, and not lost or unreachable", so a connected primary that stopped
     * answering its pings (SIGSTOP) was offered, and the interlock refused after the click.
     */
    @Test
    void aConnectedButUnresponsiveSideIsNotOffered() {
        Snapshots pair = Snapshots.replicating().unresponsive(Side.PRIMARY, 3);
        failover.update(pair.recommending(Recommendation.Kind.WAIT, Optional.empty()));

        assertThat(pair.side(Side.PRIMARY).connection()).isEqualTo(ConnectionStatus.CONNECTED);
        assertThat(failover.continuePrimaryDisabledProperty().get()).isTrue();
    }

    /** The same drift for a connected side whose heartbeat is not known yet: it does not answer, so no button. */
    @Test
    void aConnectedSideWhoseHeartbeatIsUnknownIsNotOffered() {
        PairState s = Snapshots.replicating().state();
        PairState unknownPrimary = new PairState(withHeartbeat(s.primary(), HeartbeatStatus.UNKNOWN), s.secondary(),
                s.failover());
        failover.update(new PairSnapshot(unknownPrimary, Snapshots.protectedPair().recommendation(), Snapshots.NOW));

        assertThat(failover.continuePrimaryDisabledProperty().get()).isTrue();
        assertThat(failover.confirmation(Side.PRIMARY)).isEmpty();
        assertThat(failover.messageProperty().get()).startsWith("Cannot continue on the primary: it is unknown");
    }

    @Test
    void anAbandonedFailoverOffersNothingButTheClearButtonWhichSendsTheOperatorsWord() {
        PairSnapshot p = Snapshots.protectedPair();
        PairState s = p.state();
        failover.update(new PairSnapshot(new PairState(s.primary(), s.secondary(), new FailoverProgress(
                FailoverProgress.Phase.ABANDONED, Optional.of(Side.SECONDARY), "the window closed", p.at())),
                p.recommendation(), p.at()));

        assertThat(failover.promoteSecondaryDisabledProperty().get()).isTrue();
        assertThat(failover.continuePrimaryDisabledProperty().get()).isTrue();
        assertThat(failover.clearableProperty().get()).isTrue();
        failover.clearAbandoned();
        assertThat(port.cleared).containsExactly(Side.SECONDARY);

        failover.update(p); // the engine's state after the word: nothing abandoned
        assertThat(failover.clearableProperty().get()).isFalse();
        assertThat(failover.promoteSecondaryDisabledProperty().get()).isFalse();
    }

    @Test
    void afterAFatalErrorNoFailoverIsOfferedOrStarted() {
        failover.update(Snapshots.primaryKilled());
        assertThat(failover.promoteSecondaryDisabledProperty().get()).isFalse();

        failover.halt("The console hit a fatal error on its thread 'pair-state'.");
        failover.update(Snapshots.primaryKilled());

        assertThat(failover.promoteSecondaryDisabledProperty().get()).isTrue();
        assertThat(failover.start(Side.SECONDARY, false)).contains(
                "The console hit a fatal error on its thread 'pair-state'.");
        assertThat(port.runs).isEmpty();
    }

    private static SideState withHeartbeat(SideState s, HeartbeatStatus status) {
        Heartbeat h = s.heartbeat();
        return new SideState(s.side(), s.endpoint(), s.connection(), s.connectionSince(), s.connectionSentence(),
                s.qemuVersion(), new Heartbeat(status, h.lastRoundTrip(), h.misses(), h.lastOkAt(), h.since(),
                h.recentMicros()), s.runState(), s.running(), s.coloMode(), s.lastMode(), s.reason(), s.lastExit(),
                s.migrationStatus(), s.checkpointDelay(), s.lastCheckpointAt(), s.gap(), s.fenced(), s.jobs(),
                s.synced(), s.coloSupport(), s.vmName(), s.recentCheckpoints(), s.claim(), s.topology(),
                s.service());
    }

    @Test
    void theConfirmationSaysWhatIsSentWhereAndThatTheReachablePrimaryIsStoppedFirst() {
        failover.update(Snapshots.protectedPair());
        Confirmation c = failover.confirmation(Side.SECONDARY).orElseThrow();

        assertThat(c.title()).isEqualTo("Promote the secondary (unix:/run/lab/secondary-console.sock)?");
        assertThat(c.steps()).extracting(FailoverStep::command)
                .containsExactly("stop", "x-colo-lost-heartbeat", "query-status");
        assertThat(c.otherSide()).isEqualTo("The primary answers: the console will stop its guest first, then promote "
                + "the secondary.");
        assertThat(c.needsFenceAcknowledgement()).isFalse();
    }

    @Test
    void anUnresponsiveOtherSideNeedsTheFenceAcknowledgement() {
        failover.update(Snapshots.replicating().unresponsive(Side.PRIMARY, 4).exited(Side.SECONDARY, "error",
                Optional.empty()).recommending(Recommendation.Kind.WAIT, Optional.empty()));
        Confirmation c = failover.confirmation(Side.SECONDARY).orElseThrow();

        assertThat(c.needsFenceAcknowledgement()).isTrue();
        assertThat(c.otherSide()).startsWith("The primary is unresponsive").contains("it may still run its guest")
                .endsWith("then confirm that it is fenced.");
        assertThat(c.acknowledgementText()).isEqualTo("I have fenced the primary's host: its guest cannot run.");
    }

    @Test
    void anUnresponsiveOtherSideWithAFenceActionIsFencedFirstWithoutTheAcknowledgement() {
        port.fenceable = java.util.Set.of(Side.PRIMARY);
        failover.update(Snapshots.replicating().unresponsive(Side.PRIMARY, 4).exited(Side.SECONDARY, "error",
                Optional.empty()).recommending(Recommendation.Kind.WAIT, Optional.empty()));
        Confirmation c = failover.confirmation(Side.SECONDARY).orElseThrow();

        assertThat(c.needsFenceAcknowledgement()).isFalse();
        assertThat(c.otherSide()).startsWith("The primary does not answer")
                .contains("its fence action runs first").endsWith("If the fence fails, nothing is sent.");
        assertThat(failover.start(Side.SECONDARY, false)).isEmpty();
        assertThat(port.runs).containsExactly("secondary");
    }

    @Test
    void aLostOtherSideNeedsNoAcknowledgementAndNothingIsSentToIt() {
        failover.update(Snapshots.primaryKilled());
        Confirmation c = failover.confirmation(Side.SECONDARY).orElseThrow();
        assertThat(c.needsFenceAcknowledgement()).isFalse();
        assertThat(c.otherSide()).startsWith("The primary's QEMU is gone")
                .endsWith("Make sure it does not start again on its own.");
    }

    @Test
    void theInterlocksRefusalIsShownAsItsSentenceAndNothingRuns() {
        failover.update(Snapshots.protectedPair());
        port.refusal = Optional.of("The primary does not answer; confirm that its host is fenced first.");

        Optional<String> refused = failover.start(Side.SECONDARY, false);

        assertThat(refused).hasValue("The primary does not answer; confirm that its host is fenced first.");
        assertThat(failover.messageProperty().get()).isEqualTo(refused.get());
        assertThat(failover.messageToneProperty().get()).isEqualTo(Tone.FAIL);
        assertThat(port.runs).isEmpty();
    }

    @Test
    void stepsShowProgressAndTheOutcomeIsReportedOnce() {
        failover.update(Snapshots.primaryKilled());
        List<FailoverPort.Outcome> outcomes = new ArrayList<>();
        failover.onOutcome(outcomes::add);

        assertThat(failover.start(Side.SECONDARY, false)).isEmpty();
        assertThat(port.runs).containsExactly("secondary");
        assertThat(failover.runningProperty().get()).isTrue();
        assertThat(failover.promoteSecondaryDisabledProperty().get()).isTrue();
        assertThat(failover.steps()).hasSize(3);

        port.progress.accept(new FailoverPort.StepUpdate(0, "", FailoverPort.StepStatus.DONE, "returned {}"));
        port.progress.accept(new FailoverPort.StepUpdate(1, "", FailoverPort.StepStatus.RUNNING, ""));
        assertThat(failover.steps().get(0).statusProperty().get()).isEqualTo(FailoverPort.StepStatus.DONE);
        assertThat(failover.steps().get(0).detailProperty().get()).isEqualTo("returned {}");
        assertThat(failover.steps().get(1).statusProperty().get()).isEqualTo(FailoverPort.StepStatus.RUNNING);

        port.outcome.complete(new FailoverPort.Outcome(true, "The secondary runs alone; the primary is fenced."));

        assertThat(failover.runningProperty().get()).isFalse();
        assertThat(outcomes).extracting(FailoverPort.Outcome::sentence)
                .containsExactly("The secondary runs alone; the primary is fenced.");
        assertThat(failover.messageToneProperty().get()).isEqualTo(Tone.OK);
    }

    @Test
    void aSecondFailoverIsRefusedWhileOneRuns() {
        failover.update(Snapshots.primaryKilled());
        failover.start(Side.SECONDARY, false);

        Optional<String> second = failover.start(Side.PRIMARY, false);

        assertThat(second).hasValueSatisfying(s -> assertThat(s).startsWith("A failover is already running"));
        assertThat(port.runs).containsExactly("secondary");
    }

    @Test
    void aSucceededFailoverDisablesBothButtons() {
        PairSnapshot p = Snapshots.primaryKilled();
        PairState s = p.state();
        failover.update(new PairSnapshot(new PairState(s.primary(), s.secondary(), new FailoverProgress(
                FailoverProgress.Phase.SUCCEEDED, Optional.of(Side.SECONDARY), "", p.at())), p.recommendation(),
                p.at()));
        assertThat(failover.promoteSecondaryDisabledProperty().get()).isTrue();
        assertThat(failover.continuePrimaryDisabledProperty().get()).isTrue();
    }

    @Test
    void aRunnerThatFailsBecomesASentenceNotAStackTrace() {
        failover.update(Snapshots.primaryKilled());
        failover.start(Side.SECONDARY, false);
        port.outcome.completeExceptionally(new IllegalStateException("the secondary's monitor closed"));

        assertThat(failover.messageProperty().get())
                .isEqualTo("The failover stopped: the secondary's monitor closed. Check the event log and both sides.");
        assertThat(failover.messageToneProperty().get()).isEqualTo(Tone.FAIL);
    }
}
