package org.coloconsole.colo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How single observations change one side's state: heartbeat, connection, gap, COLO, checkpoints, fencing. */
class PairReducerTest {
    private static final Instant T0 = Scenario.T0;

    private static SideState primary(Scenario s) {
        return s.state.primary();
    }

    private static Scenario connected() {
        return new Scenario().apply(new Observation.Connected(Side.PRIMARY, T0, "7.2.22", false));
    }

    @Test
    void aFastPingIsHealthyAndASlowOneIsSlow() {
        Scenario s = connected().apply(new Observation.PingOk(Side.PRIMARY, T0, Duration.ofNanos(300_000)));
        assertThat(primary(s).heartbeat().status()).isEqualTo(HeartbeatStatus.HEALTHY);
        s.apply(new Observation.PingOk(Side.PRIMARY, T0.plusMillis(250), Duration.ofMillis(140)));
        assertThat(primary(s).heartbeat().status()).isEqualTo(HeartbeatStatus.SLOW);
        assertThat(primary(s).heartbeat().lastRoundTrip()).contains(Duration.ofMillis(140));
        assertThat(primary(s).heartbeat().since()).isEqualTo(T0.plusMillis(250));
        assertThat(primary(s).answering()).isTrue();
    }

    @Test
    void aConnectionDroppedForItsSilenceKeepsItsVerdictUntilTheNewAttemptAnswers() {
        Scenario s = connected().pingOk(Side.PRIMARY).frozen(Side.PRIMARY);
        assertThat(primary(s).heartbeat().status()).isEqualTo(HeartbeatStatus.UNRESPONSIVE);
        s.apply(new Observation.Lost(Side.PRIMARY, s.now, SocketKind.LOCAL_UNIX, Observation.Lost.Why.SILENT, "silent for 6 s"));
        assertThat(primary(s).connection()).isEqualTo(ConnectionStatus.DISCONNECTED);
        assertThat(primary(s).heartbeat().status()).as("not LOST: the process may well run")
                .isEqualTo(HeartbeatStatus.UNRESPONSIVE);
        s.apply(new Observation.ConnectFailed(Side.PRIMARY, s.now, SocketKind.LOCAL_UNIX, ConnectFailure.CONNECT_TIMEOUT, "timed out"));
        assertThat(primary(s).heartbeat().status()).as("the host, not QEMU").isEqualTo(HeartbeatStatus.UNREACHABLE);
    }

    @Test
    void aConnectionRefusedOnSecurityGroundsSaysNothingAboutTheProcess() {
        Scenario s = connected().pingOk(Side.PRIMARY);
        s.apply(new Observation.Lost(Side.PRIMARY, s.now, SocketKind.LOCAL_UNIX, Observation.Lost.Why.PROTOCOL_ERROR, "bad line"));
        s.apply(new Observation.ConnectFailed(Side.PRIMARY, s.now, SocketKind.LOCAL_UNIX, ConnectFailure.REJECTED,
                "the server's certificate is not signed by the CA in /etc/colo/ca.pem"));
        assertThat(primary(s).connection()).isEqualTo(ConnectionStatus.REJECTED);
        assertThat(primary(s).connectionSentence()).contains("/etc/colo/ca.pem");
        assertThat(primary(s).heartbeat().status()).as("not LOST: the process may well run")
                .isEqualTo(HeartbeatStatus.UNKNOWN);
        Recommendation r = Recommender.recommend(s.state, s.now);
        assertThat(r.kind()).isEqualTo(Recommendation.Kind.CANNOT_TELL);
        assertThat(r.target()).isEmpty();
        assertThat(r.headline()).startsWith("The console cannot watch the primary: the connection is refused on "
                + "security grounds");
        assertThat(FailoverInterlock.check(s.state, new FailoverRequest(Side.SECONDARY, false), s.now).allowed())
                .as("promoting the other side while this one may run").isFalse();
    }

    @Test
    void missedPingsBecomeUnresponsiveOnlyAtTheThirdAndAnAnswerResetsThem() {
        Scenario s = connected().pingOk(Side.PRIMARY);
        s.apply(new Observation.PingMissed(Side.PRIMARY, T0.plusMillis(250), 1, Duration.ofMillis(250)))
                .apply(new Observation.PingMissed(Side.PRIMARY, T0.plusMillis(500), 2, Duration.ofMillis(500)));
        assertThat(primary(s).heartbeat().status()).isEqualTo(HeartbeatStatus.HEALTHY);
        assertThat(primary(s).heartbeat().misses()).isEqualTo(2);
        s.apply(new Observation.PingMissed(Side.PRIMARY, T0.plusMillis(750), 3, Duration.ofMillis(750)));
        assertThat(primary(s).heartbeat().status()).isEqualTo(HeartbeatStatus.UNRESPONSIVE);
        assertThat(primary(s).heartbeat().since()).isEqualTo(T0.plusMillis(750));
        assertThat(primary(s).heartbeat().lastOkAt()).contains(T0);
        assertThat(primary(s).answering()).isFalse();
        s.apply(new Observation.PingOk(Side.PRIMARY, T0.plusSeconds(5), Duration.ofMillis(1)));
        assertThat(primary(s).heartbeat().status()).isEqualTo(HeartbeatStatus.HEALTHY);
        assertThat(primary(s).heartbeat().misses()).isZero();
    }

    @Test
    void howTheConnectionEndedDecidesLostUnreachableOrUnresponsive() {
        assertThat(primary(connected().apply(new Observation.Lost(Side.PRIMARY, T0, "end of stream")))
                .heartbeat().status()).isEqualTo(HeartbeatStatus.LOST);
        assertThat(primary(new Scenario().apply(new Observation.ConnectFailed(Side.PRIMARY, T0, SocketKind.LOCAL_UNIX,
                ConnectFailure.REFUSED, "refused"))).heartbeat().status()).isEqualTo(HeartbeatStatus.LOST);
        assertThat(primary(new Scenario().apply(new Observation.ConnectFailed(Side.PRIMARY, T0, SocketKind.LOCAL_UNIX,
                ConnectFailure.CONNECT_TIMEOUT, "timed out"))).heartbeat().status())
                .isEqualTo(HeartbeatStatus.UNREACHABLE);
        // the listening socket of a SIGSTOPped QEMU still accepts; it just never greets
        assertThat(primary(new Scenario().apply(new Observation.ConnectFailed(Side.PRIMARY, T0, SocketKind.LOCAL_UNIX,
                ConnectFailure.NO_GREETING, "no greeting"))).heartbeat().status())
                .isEqualTo(HeartbeatStatus.UNRESPONSIVE);
        assertThat(primary(connected().apply(new Observation.Lost(Side.PRIMARY, T0, SocketKind.LOCAL_UNIX, Observation.Lost.Why.BY_USER,
                "disconnected by the operator"))).heartbeat().status()).isEqualTo(HeartbeatStatus.UNKNOWN);
    }

    @Test
    void pingsOfADisconnectedSideAreIgnored() {
        Scenario s = connected().killed(Side.PRIMARY)
                .apply(new Observation.PingOk(Side.PRIMARY, T0.plusSeconds(1), Duration.ofMillis(1)));
        assertThat(primary(s).heartbeat().status()).isEqualTo(HeartbeatStatus.LOST);
    }

    @Test
    void theRoundTripRingIsBoundedAndKeepsTheNewest() {
        PairReducer reducer = new PairReducer(new HeartbeatPolicy(3, Duration.ofMillis(100), 4));
        PairState state = reducer.reduce(PairState.initial("a", "b", T0),
                new Observation.Connected(Side.PRIMARY, T0, "7.2.22", false));
        for (int i = 1; i <= 10; i++) {
            state = reducer.reduce(state, new Observation.PingOk(Side.PRIMARY, T0.plusMillis(250L * i),
                    Duration.ofNanos(i * 1000L)));
        }
        assertThat(state.primary().heartbeat().recentMicros()).containsExactly(7, 8, 9, 10);
    }

    @Test
    void aReconnectLeavesAGapMarkerThatThePollsResolve() {
        Scenario s = connected().apply(new Observation.Lost(Side.PRIMARY, T0.plusSeconds(1), "reset"))
                .apply(new Observation.ConnectFailed(Side.PRIMARY, T0.plusSeconds(2), SocketKind.LOCAL_UNIX, ConnectFailure.REFUSED, "refused"))
                .apply(new Observation.Connected(Side.PRIMARY, T0.plusSeconds(3), "7.2.22", true));
        assertThat(primary(s).gap()).contains(new Gap(T0.plusSeconds(1), T0.plusSeconds(3), false));
        assertThat(primary(s).gap().get().sentence()).isEqualTo("Events between 20:00:01 and 20:00:03 UTC were "
                + "lost; the state is being re-read.");
        assertThat(primary(s).synced()).isFalse();
        s.apply(new Observation.Resynced(Side.PRIMARY, T0.plusSeconds(3)));
        assertThat(primary(s).gap()).contains(new Gap(T0.plusSeconds(1), T0.plusSeconds(3), true));
        assertThat(primary(s).gap().get().sentence()).isEqualTo("Events between 20:00:01 and 20:00:03 UTC were "
                + "lost; the state was re-read by polls.");
        assertThat(primary(s).synced()).isTrue();
    }

    @Test
    void aColoExitIsKeptAlthoughThePollsStillLookHealthyUntilAFailoverDecides() {
        Scenario s = Scenario.protectedPair().coloExit(Side.SECONDARY, "error")
                .apply(new Observation.ColoStatusPolled(Side.SECONDARY, Scenario.T0, Tag.of(ColoMode.class, "secondary"),
                        Optional.of(Tag.of(ColoMode.class, "none")), Tag.of(ColoExitReason.class, "none")))
                .apply(new Observation.MigratePolled(Side.SECONDARY, Scenario.T0, "colo"));
        assertThat(s.state.secondary().waitingAfterError()).isTrue();
        s.consoleFailover(Side.PRIMARY, true);
        assertThat(s.state.secondary().lastExit()).isEmpty();
        assertThat(s.state.secondary().fenced()).isTrue();
        assertThat(s.state.secondary().guestRuns()).isFalse();
    }

    @Test
    void checkpointsCountOnlyWhileInColoAndBeforeAnyExit() {
        Scenario s = new Scenario().apply(new Observation.Connected(Side.PRIMARY, T0, "7.2.22", false))
                .checkpointOn(Side.PRIMARY);
        assertThat(primary(s).lastCheckpointAt()).isEmpty();
        s = Scenario.protectedPair().after(Duration.ofSeconds(2)).checkpointOn(Side.PRIMARY);
        assertThat(primary(s).lastCheckpointAt()).contains(T0.plusSeconds(2));
        s.coloExit(Side.PRIMARY, "error").after(Duration.ofSeconds(2)).checkpointOn(Side.PRIMARY);
        assertThat(primary(s).lastCheckpointAt()).contains(T0.plusSeconds(2));
        assertThat(primary(s).runState()).isEqualTo("running");
    }

    @Test
    void duringACheckpointTheRunStateReadsColo() {
        Scenario s = Scenario.protectedPair().apply(new Observation.Stopped(Side.PRIMARY, T0));
        assertThat(primary(s).runState()).isEqualTo("colo");
        assertThat(primary(s).guestRuns()).isFalse();
    }

    @Test
    void theVersionComesFromTheGreetingOrFromQueryVersion() {
        Scenario s = new Scenario().apply(new Observation.VersionPolled(Side.SECONDARY, T0, "7.2.22"));
        assertThat(s.state.secondary().qemuVersion()).contains("7.2.22");
    }

    @Test
    void reprotectionNeedsTheSurvivorBackInColoAndClearsTheFailover() {
        Scenario s = Scenario.protectedPair().consoleFailover(Side.SECONDARY, true);
        assertThat(s.state.failover().phase()).isEqualTo(FailoverProgress.Phase.SUCCEEDED);
        // the fenced primary still reads "colo" from before: that alone is not a re-protected pair
        s.apply(new Observation.MigrationChanged(Side.PRIMARY, s.now, "colo"));
        assertThat(s.state.failover().phase()).isEqualTo(FailoverProgress.Phase.SUCCEEDED);
        s.apply(new Observation.MigrationChanged(Side.SECONDARY, s.now, "colo"));
        assertThat(s.state.failover().phase()).isEqualTo(FailoverProgress.Phase.NONE);
        assertThat(s.state.primary().fenced()).isFalse();
        assertThat(FailoverInterlock.check(s.state, new FailoverRequest(Side.SECONDARY, false)).allowed()).isTrue();
    }

    @Test
    void aConsoleOpenedAfterTheFailoverSeesTheRestoredPairAsColoNotAsTwoGuests() {
        // it read the takeover from the survivor's polls (mode none, reason request); the new side waits, paused
        Scenario s = Scenario.protectedPair().polledTookOver(Side.PRIMARY).polledStatus(Side.SECONDARY, false,
                "inmigrate").apply(new Observation.ColoStatusPolled(Side.SECONDARY, T0,
                Tag.of(ColoMode.class, "none"), Optional.of(Tag.of(ColoMode.class, "none")),
                Tag.of(ColoExitReason.class, "none")));
        assertThat(s.state.primary().tookOver()).isTrue();
        s.apply(new Observation.MigrationChanged(Side.PRIMARY, s.now, "colo"))
                .apply(new Observation.MigrationChanged(Side.SECONDARY, s.now, "colo"))
                .apply(new Observation.Resumed(Side.SECONDARY, s.now));
        assertThat(s.state.primary().tookOver()).isFalse();
        assertThat(s.state.primary().coloMode().is(ColoMode.PRIMARY)).isTrue();
        assertThat(s.state.secondary().coloMode().is(ColoMode.SECONDARY)).isTrue();
        assertThat(s.state.twoGuestsRun()).isFalse();
    }

    @Test
    void anObservationThatChangesNothingReturnsTheSameState() {
        Scenario s = Scenario.protectedPair();
        PairState before = s.state;
        s.apply(new Observation.OtherEvent(Side.PRIMARY, T0, "BLOCK_EXPORT_DELETED", "{}"));
        assertThat(s.state).isSameAs(before);
    }
}
