package org.coloconsole.colo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.coloconsole.qmp.QmpTimestamp;
import org.junit.jupiter.api.Test;

/**
 * QEMU 10.0.2's failed COLO start, fed as the console sees it: the minimal pair's bring-up (secondary with
 * -incoming, primary with -S, x-colo on both), then what each side emitted and answered, in the order seen on the
 * real 10.0.2 pair (BrokenColoStartOnQemu10_0_2Test runs it for real).
 */
class FailedColoStartTest {

    /** Both sides connected before the bring-up: the primary paused with -S, the secondary waiting for the stream. */
    private static Scenario beforeBringUp() {
        Scenario s = new Scenario();
        for (Side side : Side.values()) {
            s.apply(new Observation.Connected(side, s.now, "10.0.2", false));
            s.apply(new Observation.StatusPolled(side, s.now, false,
                    side == Side.PRIMARY ? "prelaunch" : "inmigrate"));
            s.apply(new Observation.ColoStatusPolled(side, s.now, tag("none"), Optional.of(tag("none")),
                    Tag.of(ColoExitReason.class, "none")));
            s.apply(new Observation.MigratePolled(side, s.now, "none"));
            s.apply(new Observation.CheckpointDelayPolled(side, s.now, Duration.ofSeconds(2)));
            s.apply(new Observation.Resynced(side, s.now));
            s.apply(new Observation.PingOk(side, s.now, Duration.ofNanos(300_000)));
        }
        return s;
    }

    /** The events of the failed start, as 10.0.2 sent them (3 of 3 runs alike). */
    private static Scenario failedStartEvents() {
        Scenario s = beforeBringUp();
        Side p = Side.PRIMARY;
        Side sec = Side.SECONDARY;
        s.apply(new Observation.MigrationChanged(p, s.now, "setup"));
        s.apply(new Observation.MigrationPass(p, s.now, 1));
        s.apply(new Observation.MigrationChanged(p, s.now, "active"));
        s.apply(new Observation.MigrationChanged(sec, s.now, "active"));
        s.after(Duration.ofMillis(600));
        s.apply(new Observation.MigrationPass(p, s.now, 2));
        s.apply(new Observation.MigrationChanged(p, s.now, "device"));
        s.apply(new Observation.MigrationPass(p, s.now, 3));
        s.apply(new Observation.MigrationChanged(p, s.now, "completed"));
        s.apply(new Observation.MigrationChanged(sec, s.now, "colo"));
        s.apply(new Observation.Resumed(sec, s.now));
        s.after(Duration.ofMillis(5));
        return s.apply(new Observation.ColoExit(sec, s.now, tag("secondary"), Tag.of(ColoExitReason.class, "error"),
                Optional.empty(), new QmpTimestamp(1764100800, 0), "{\"mode\":\"secondary\",\"reason\":\"error\"}"));
    }

    /** What both sides answer afterwards (the heartbeat's query-status, a resync). */
    private static Scenario failedStartPolled() {
        return pollsAfterTheFailedStart(failedStartEvents().after(Duration.ofMillis(250)))
                .pingOk(Side.PRIMARY).pingOk(Side.SECONDARY);
    }

    /** What 10.0.2's sides answered once the start had failed. */
    private static Scenario pollsAfterTheFailedStart(Scenario s) {
        s.polledStatus(Side.PRIMARY, false, "postmigrate");
        s.apply(new Observation.ColoStatusPolled(Side.PRIMARY, s.now, tag("none"), Optional.of(tag("none")),
                Tag.of(ColoExitReason.class, "none")));
        s.apply(new Observation.MigratePolled(Side.PRIMARY, s.now, "completed"));
        s.polledStatus(Side.SECONDARY, true, "running");
        s.apply(new Observation.ColoStatusPolled(Side.SECONDARY, s.now, tag("secondary"), Optional.of(tag("none")),
                Tag.of(ColoExitReason.class, "none")));
        return s.apply(new Observation.MigratePolled(Side.SECONDARY, s.now, "colo"));
    }

    private static Tag<ColoMode> tag(String mode) {
        return Tag.of(ColoMode.class, mode);
    }

    @Test
    void theFailedStartSaysTheVmRunsOnTheSecondaryUnprotected() {
        Recommendation r = failedStartPolled().recommendation();

        assertThat(r.kind()).isEqualTo(Recommendation.Kind.PROMOTE_SECONDARY);
        assertThat(r.target()).contains(Side.SECONDARY);
        assertThat(r.headline()).startsWith("COLO never started: the primary's migration completed, so the VM now "
                + "runs on the secondary alone, unprotected, although the secondary still reports mode secondary.")
                .contains("do not resume it").doesNotContain("COLO is not running between the two sides");
        assertThat(r.reasons()).anySatisfy(line -> assertThat(line).contains("after COLO_EXIT secondary/error")
                .contains("postmigrate"));
        assertThat(r.needsFencingAcknowledgement()).isFalse();
    }

    @Test
    void theEventsAloneAreEnough() {
        // before any poll re-reads them: the primary's MIGRATION completed and the secondary's COLO_EXIT
        Recommendation r = failedStartEvents().recommendation();

        assertThat(r.kind()).isEqualTo(Recommendation.Kind.PROMOTE_SECONDARY);
        assertThat(r.headline()).startsWith("COLO never started");
    }

    @Test
    void aConsoleThatConnectsAfterwardsSeesItFromThePollsAlone() {
        // no events seen: the secondary's COLO_EXIT is lost, its query-colo-status still says mode secondary
        Scenario s = new Scenario();
        for (Side side : Side.values()) {
            s.apply(new Observation.Connected(side, s.now, "10.0.2", false));
            s.apply(new Observation.PingOk(side, s.now, Duration.ofNanos(300_000)));
        }
        pollsAfterTheFailedStart(s);
        for (Side side : Side.values()) {
            s.apply(new Observation.Resynced(side, s.now));
        }

        assertThat(s.recommendation().headline()).startsWith("COLO never started");
    }

    @Test
    void theInterlockLetsTheSecondaryBePromotedAndRefusesThePrimary() {
        Scenario s = failedStartPolled();

        InterlockDecision promote = s.check(Side.SECONDARY, false);
        assertThat(promote.allowed()).isTrue();
        assertThat(promote.fenceOtherSide()).isTrue();
        InterlockDecision primary = s.check(Side.PRIMARY, false);
        assertThat(primary.allowed()).isFalse();
        assertThat(primary.sentence()).contains("not in COLO");
    }

    @Test
    void aResumedPrimaryIsSplitBrain() {
        Scenario s = failedStartPolled();
        s.apply(new Observation.Resumed(Side.PRIMARY, s.now));

        Recommendation r = s.recommendation();
        assertThat(r.kind()).isEqualTo(Recommendation.Kind.SPLIT_BRAIN);
        assertThat(r.target()).isEmpty();
        assertThat(r.headline()).startsWith("Split brain: COLO never started").endsWith("Stop the primary now.");
    }

    @Test
    void afterPromotionTheSecondaryRunsAloneAsAfterAnyFailover() {
        // measured on 10.0.2: lost-heartbeat to that secondary answers {} and query-colo-status then reads
        // last-mode secondary, mode none, reason request, its guest still running
        Scenario s = failedStartPolled().polledTookOver(Side.SECONDARY);

        Recommendation r = s.recommendation();
        assertThat(r.kind()).isEqualTo(Recommendation.Kind.DEGRADED);
        assertThat(r.headline()).isEqualTo("Secondary runs the VM alone after failover: unprotected. Re-protect the "
                + "pair.");
    }

    @Test
    void aHealthyPairIsNotTakenForIt() {
        // a replicating secondary may read query-migrate "completed": only the primary's completed counts
        Scenario s = Scenario.protectedPair();
        s.apply(new Observation.MigratePolled(Side.SECONDARY, s.now, "completed"));
        assertThat(s.recommendation().kind()).isEqualTo(Recommendation.Kind.PROTECTED);
        assertThat(FailedColoStart.seen(s.state)).isFalse();
    }

    @Test
    void aLostHeartbeatToThePrimaryIsATakeoverNotAFailedStart() {
        // transcript b: the primary's migration also reads completed, but it left COLO on request and runs
        Scenario s = Scenario.protectedPair().lostHeartbeatSent(Side.PRIMARY).coloExit(Side.SECONDARY, "error");
        assertThat(FailedColoStart.seen(s.state)).isFalse();
        assertThat(s.recommendation().headline()).startsWith("Split brain: the primary left COLO");
    }

    @Test
    void aPlainMigrationWithoutColoIsNotTakenForIt() {
        // the secondary never entered COLO: mode none, no COLO_EXIT
        Scenario s = beforeBringUp();
        s.apply(new Observation.MigrationChanged(Side.PRIMARY, s.now, "completed"));
        s.polledStatus(Side.PRIMARY, false, "postmigrate");
        s.polledStatus(Side.SECONDARY, true, "running");

        assertThat(FailedColoStart.seen(s.state)).isFalse();
        assertThat(s.recommendation().headline()).startsWith("Not protected: COLO is not running");
    }
}
