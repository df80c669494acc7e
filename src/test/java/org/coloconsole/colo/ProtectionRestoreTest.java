package org.coloconsole.colo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** When the window may offer "Restore protection…": only while one side runs the VM alone after a failover. */
class ProtectionRestoreTest {

    @Test
    void aProtectedPairHasNothingToRestore() {
        assertThat(ProtectionRestore.of(Scenario.protectedPair().state)).isEmpty();
    }

    @Test
    void afterAVerifiedFailoverTheSurvivorCanBeProtectedAgain() {
        Scenario s = Scenario.protectedPair().consoleFailover(Side.SECONDARY, true);
        assertThat(ProtectionRestore.of(s.state)).map(ProtectionRestore::survivor).contains(Side.SECONDARY);
        assertThat(s.recommendation().kind()).isEqualTo(Recommendation.Kind.DEGRADED);
    }

    @Test
    void aFreshConsoleOnASideThatLeftColoOnRequestOffersItToo() {
        // a console opened after the failover reads it from query-colo-status: mode none, last-mode, reason request
        Scenario s = Scenario.protectedPair().killed(Side.SECONDARY).after(Duration.ofSeconds(1))
                .polledTookOver(Side.PRIMARY);
        assertThat(ProtectionRestore.of(s.state)).map(ProtectionRestore::survivor).contains(Side.PRIMARY);
    }

    @Test
    void notWhileTheFailoverRuns() {
        Scenario s = Scenario.protectedPair().apply(new Observation.FailoverStarted(Side.SECONDARY,
                Scenario.T0));
        assertThat(ProtectionRestore.of(s.state)).isEmpty();
    }

    @Test
    void notWhenTheSurvivorsGuestIsStopped() {
        Scenario s = Scenario.protectedPair().consoleFailover(Side.SECONDARY, true)
                .polledStatus(Side.SECONDARY, false, "paused");
        assertThat(ProtectionRestore.of(s.state)).isEmpty();
    }

    @Test
    void notWhenTheSurvivorDoesNotAnswer() {
        Scenario s = Scenario.protectedPair().consoleFailover(Side.SECONDARY, true).killed(Side.SECONDARY)
                .after(Duration.ofSeconds(1));
        assertThat(ProtectionRestore.of(s.state)).isEmpty();
    }

    @Test
    void notWhileTwoGuestsRun() {
        Scenario s = Scenario.protectedPair().lostHeartbeatSent(Side.SECONDARY).after(Duration.ofMillis(484))
                .coloExit(Side.PRIMARY, "error");
        assertThat(s.state.twoGuestsRun()).isTrue();
        assertThat(ProtectionRestore.of(s.state)).isEmpty();
    }
}
