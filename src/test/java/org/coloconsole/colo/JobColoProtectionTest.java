package org.coloconsole.colo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** COLO protection as a job-like row, through the lifecycle a real pair goes through (Scenario). */
class JobColoProtectionTest {

    private static ColoProtection row(Scenario s) {
        return ColoProtection.of(s.state.primary(), s.state.secondary(), s.state.failover());
    }

    @Test
    void nothingReadYetIsUnknown() {
        Scenario s = new Scenario();
        assertThat(row(s).lifecycle()).isEqualTo(ColoProtection.Lifecycle.UNKNOWN);
    }

    @Test
    void aHealthyPairIsProtected() {
        ColoProtection r = row(Scenario.protectedPair());
        assertThat(r.lifecycle()).isEqualTo(ColoProtection.Lifecycle.PROTECTED);
        assertThat(r.status()).isEqualTo("protected");
        assertThat(r.side()).isEmpty();
        assertThat(r.sentence()).isEqualTo("Both sides replicate in COLO.");
    }

    @Test
    void twoPlainQemusAreNotProtected() {
        Scenario s = new Scenario();
        for (Side side : Side.values()) {
            s.apply(new Observation.Connected(side, s.now, "7.2.22", false));
            s.apply(new Observation.ColoStatusPolled(side, s.now, Tag.of(ColoMode.class, "none"),
                    Optional.of(Tag.of(ColoMode.class, "none")), Tag.of(ColoExitReason.class, "none")));
            s.apply(new Observation.Resynced(side, s.now));
        }
        assertThat(row(s).lifecycle()).isEqualTo(ColoProtection.Lifecycle.NOT_PROTECTED);
        assertThat(row(s).sentence()).contains("not protected");
    }

    @Test
    void aKilledSecondaryExitsWithErrorOnThePrimaryThenThePrimaryContinuesAlone() {
        Scenario s = Scenario.protectedPair().killed(Side.SECONDARY).after(Duration.ofMillis(100))
                .coloExit(Side.PRIMARY, "error");
        ColoProtection exited = row(s);
        assertThat(exited.lifecycle()).isEqualTo(ColoProtection.Lifecycle.EXITED);
        assertThat(exited.side()).contains(Side.PRIMARY);
        assertThat(exited.reason().map(Tag::value)).contains(ColoExitReason.ERROR);
        assertThat(exited.status()).isEqualTo("exited-error");
        assertThat(exited.sentence()).startsWith("COLO stopped on the primary with an error");

        s.apply(new Observation.FailoverStarted(Side.PRIMARY, s.now));
        assertThat(row(s).lifecycle()).isEqualTo(ColoProtection.Lifecycle.EXITED);
        assertThat(row(s).sentence()).endsWith("a failover to the primary is running.");

        s.coloExit(Side.PRIMARY, "request").apply(new Observation.FailoverSucceeded(Side.PRIMARY, s.now));
        ColoProtection alone = row(s);
        assertThat(alone.lifecycle()).isEqualTo(ColoProtection.Lifecycle.CONTINUED_ALONE);
        assertThat(alone.side()).contains(Side.PRIMARY);
        assertThat(alone.status()).isEqualTo("continued-alone");
    }

    @Test
    void aPromotedSecondaryHasFailedOver() {
        Scenario s = Scenario.protectedPair().killed(Side.PRIMARY).coloExit(Side.SECONDARY, "error");
        assertThat(row(s).side()).contains(Side.SECONDARY);
        s.apply(new Observation.FailoverStarted(Side.SECONDARY, s.now))
                .apply(new Observation.FailoverFailed(Side.SECONDARY, s.now, "x-colo-lost-heartbeat timed out"));
        assertThat(row(s).lifecycle()).isEqualTo(ColoProtection.Lifecycle.EXITED);
        assertThat(row(s).sentence()).contains("the failover to the secondary failed: x-colo-lost-heartbeat timed out");

        s.coloExit(Side.SECONDARY, "request");
        assertThat(row(s).lifecycle()).as("the secondary's own COLO_EXIT on request says it took over")
                .isEqualTo(ColoProtection.Lifecycle.FAILED_OVER);
        assertThat(row(s).side()).contains(Side.SECONDARY);
    }

    @Test
    void aFreshConsoleReadsAnEarlierFailoverFromThePolls() {
        Scenario s = new Scenario();
        s.apply(new Observation.Connected(Side.SECONDARY, s.now, "7.2.22", false)).polledTookOver(Side.SECONDARY)
                .apply(new Observation.Resynced(Side.SECONDARY, s.now));
        assertThat(row(s).lifecycle()).isEqualTo(ColoProtection.Lifecycle.FAILED_OVER);
    }

    @Test
    void aRequestedExitOnAFencedSideMeansItResumedAndCarriesOn() {
        // docs/colo-behaviour.md: a lost-heartbeat sent to a stopped (fenced) side resumes its guest
        Scenario s = Scenario.protectedPair()
                .apply(new Observation.Fenced(Side.PRIMARY, Scenario.T0, "stop"))
                .coloExit(Side.PRIMARY, "request");
        assertThat(row(s).lifecycle()).isEqualTo(ColoProtection.Lifecycle.CONTINUED_ALONE);
        assertThat(row(s).side()).contains(Side.PRIMARY);
    }

    @Test
    void afterReprotectionThePairIsProtectedAgain() {
        Scenario s = Scenario.protectedPair().killed(Side.PRIMARY).coloExit(Side.SECONDARY, "error")
                .apply(new Observation.FailoverStarted(Side.SECONDARY, Scenario.T0))
                .coloExit(Side.SECONDARY, "request")
                .apply(new Observation.FailoverSucceeded(Side.SECONDARY, Scenario.T0));
        assertThat(row(s).lifecycle()).isEqualTo(ColoProtection.Lifecycle.FAILED_OVER);
        for (Side side : Side.values()) {
            s.apply(new Observation.MigrationChanged(side, s.now, "colo"));
        }
        assertThat(row(s).lifecycle()).isEqualTo(ColoProtection.Lifecycle.PROTECTED);
    }
}
