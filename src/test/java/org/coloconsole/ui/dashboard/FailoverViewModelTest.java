package org.coloconsole.ui.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
        assertThat(failover.recommendedProperty().get()).isEqualTo("secondary");
    }

    @Test
    void theConfirmationSaysWhatIsSentWhereAndThatTheReachablePrimaryIsStoppedFirst() {
        failover.update(Snapshots.protectedPair());
        Confirmation c = failover.confirmation("secondary");

        assertThat(c.title()).isEqualTo("Promote the secondary (unix:/run/lab/secondary-console.sock)?");
        assertThat(c.steps()).extracting(FailoverPort.PlannedStep::command)
                .containsExactly("stop", "x-colo-lost-heartbeat", "query-status");
        assertThat(c.otherSide()).isEqualTo("Primary (unix:/run/lab/primary-console.sock) is stopped first, so only "
                + "one guest runs.");
        assertThat(c.needsFenceAcknowledgement()).isFalse();
    }

    @Test
    void anUnresponsiveOtherSideNeedsTheFenceAcknowledgement() {
        failover.update(Snapshots.pair(Snapshots.withHeartbeat(Snapshots.healthy("primary"), "UNRESPONSIVE", 4),
                Snapshots.healthy("secondary"), "WAIT", Optional.empty()));
        Confirmation c = failover.confirmation("secondary");

        assertThat(c.needsFenceAcknowledgement()).isTrue();
        assertThat(c.otherSide()).contains("cannot reach the primary (Unresponsive)").contains("two guests will run");
        assertThat(c.acknowledgementText()).isEqualTo("I have fenced the primary's host: its guest cannot run.");
    }

    @Test
    void aLostOtherSideNeedsNoAcknowledgementAndNothingIsSentToIt() {
        failover.update(Snapshots.primaryKilled());
        Confirmation c = failover.confirmation("secondary");
        assertThat(c.needsFenceAcknowledgement()).isFalse();
        assertThat(c.otherSide()).startsWith("The primary is gone");
    }

    @Test
    void theInterlocksRefusalIsShownAsItsSentenceAndNothingRuns() {
        failover.update(Snapshots.protectedPair());
        port.refusal = Optional.of("The primary does not answer; confirm that its host is fenced first.");

        Optional<String> refused = failover.start("secondary", false);

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

        assertThat(failover.start("secondary", false)).isEmpty();
        assertThat(port.runs).containsExactly("secondary");
        assertThat(failover.runningProperty().get()).isTrue();
        assertThat(failover.promoteSecondaryDisabledProperty().get()).isTrue();
        assertThat(failover.steps()).hasSize(3);

        port.progress.accept(new FailoverPort.StepReport(0, "", FailoverPort.StepStatus.DONE, "returned {}"));
        port.progress.accept(new FailoverPort.StepReport(1, "", FailoverPort.StepStatus.RUNNING, ""));
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
        failover.start("secondary", false);

        Optional<String> second = failover.start("primary", false);

        assertThat(second).hasValueSatisfying(s -> assertThat(s).startsWith("A failover is already running"));
        assertThat(port.runs).containsExactly("secondary");
    }

    @Test
    void aSucceededFailoverDisablesBothButtons() {
        PairSnapshot p = Snapshots.primaryKilled();
        failover.update(new PairSnapshot(p.primary(), p.secondary(), p.recommendation(),
                new FailoverProgress(FailoverProgress.Phase.SUCCEEDED, Optional.of("secondary"), Optional.empty()),
                p.at()));
        assertThat(failover.promoteSecondaryDisabledProperty().get()).isTrue();
        assertThat(failover.continuePrimaryDisabledProperty().get()).isTrue();
    }

    @Test
    void aRunnerThatFailsBecomesASentenceNotAStackTrace() {
        failover.update(Snapshots.primaryKilled());
        failover.start("secondary", false);
        port.outcome.completeExceptionally(new IllegalStateException("the secondary's monitor closed"));

        assertThat(failover.messageProperty().get())
                .isEqualTo("The failover stopped: the secondary's monitor closed. Check the event log and both sides.");
        assertThat(failover.messageToneProperty().get()).isEqualTo(Tone.FAIL);
    }
}
