package org.coloconsole.ui.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.coloconsole.colo.ColoExitReason;
import org.coloconsole.colo.ColoMode;
import org.coloconsole.colo.HeartbeatPolicy;
import org.coloconsole.colo.Observation;
import org.coloconsole.colo.PairReducer;
import org.coloconsole.colo.PairState;
import org.coloconsole.colo.Recommender;
import org.coloconsole.colo.Side;
import org.coloconsole.colo.Tag;
import org.coloconsole.qmp.QmpTimestamp;
import org.junit.jupiter.api.Test;

/** The engine's real reducer and recommender, read into what the dashboard shows: the primary-SIGKILL row. */
class PairStateAdapterTest {
    private static final Instant T0 = Instant.parse("2026-11-25T21:00:00Z");
    private final PairReducer reducer = new PairReducer(HeartbeatPolicy.defaults());
    private final PairStateAdapter adapter = new PairStateAdapter(ZoneOffset.UTC);

    private PairState replicating() {
        PairState s = PairState.initial("unix:/lab/primary.sock", "unix:/lab/secondary.sock", T0);
        for (Side side : Side.values()) {
            s = reducer.reduce(s, new Observation.Connected(side, T0, "7.2.22", false));
            s = reducer.reduce(s, new Observation.StatusPolled(side, T0, true, "running"));
            s = reducer.reduce(s, new Observation.ColoStatusPolled(side, T0,
                    Tag.of(ColoMode.class, side.label()), Optional.of(Tag.of(ColoMode.class, "none")),
                    Tag.of(ColoExitReason.class, "none")));
            s = reducer.reduce(s, new Observation.MigratePolled(side, T0, "colo"));
            s = reducer.reduce(s, new Observation.Resynced(side, T0));
            s = reducer.reduce(s, new Observation.PingOk(side, T0.plusMillis(250), Duration.ofNanos(420_000)));
        }
        return s;
    }

    @Test
    void aReplicatingPairReadsAsTwoHealthyConnectedSides() {
        PairState s = replicating();
        PairSnapshot snap = adapter.snapshot(s, Recommender.recommend(s, T0.plusSeconds(1)), T0.plusSeconds(1));

        assertThat(snap.primary().side()).isEqualTo("primary");
        assertThat(snap.primary().connection()).isEqualTo("CONNECTED");
        assertThat(snap.primary().heartbeat()).isEqualTo("HEALTHY");
        assertThat(snap.primary().qemuVersion()).hasValue("7.2.22");
        assertThat(snap.secondary().coloMode()).isEqualTo("secondary");
        assertThat(snap.secondary().migrationStatus()).hasValue("colo");
        assertThat(snap.secondary().recentRtts()).containsExactly(Duration.ofNanos(420_000));
        assertThat(SideCardViewModel.classify(snap.primary())).isEqualTo(CardState.HEALTHY);
    }

    @Test
    void aKilledPrimaryBecomesLostAndTheSecondaryExitedWithTheQemuTimeAndARecommendation() {
        PairState s = replicating();
        Instant kill = T0.plusSeconds(10);
        s = reducer.reduce(s, new Observation.Lost(Side.PRIMARY, kill, "the monitor closed"));
        s = reducer.reduce(s, new Observation.ColoExit(Side.SECONDARY, kill.plusMillis(3),
                Tag.of(ColoMode.class, "secondary"), Tag.of(ColoExitReason.class, "error"), Optional.empty(),
                new QmpTimestamp(kill.getEpochSecond(), 3000), "{\"event\":\"COLO_EXIT\"}"));
        Instant now = kill.plusMillis(2100);

        PairSnapshot snap = adapter.snapshot(s, Recommender.recommend(s, now), now);

        assertThat(snap.primary().heartbeat()).isEqualTo("LOST");
        assertThat(SideCardViewModel.classify(snap.primary())).isEqualTo(CardState.LOST);
        assertThat(snap.secondary().lastExit()).hasValueSatisfying(exit -> {
            assertThat(exit.reason()).isEqualTo("error");
            assertThat(exit.qemuTime()).hasValue(kill.plusMillis(3));
        });
        assertThat(SideCardViewModel.classify(snap.secondary())).isEqualTo(CardState.EXITED);
        assertThat(snap.recommendation().kind()).isEqualTo("PROMOTE_SECONDARY");
        assertThat(snap.recommendation().target()).hasValue("secondary");
        assertThat(snap.recommendation().headline()).isNotBlank();
        assertThat(snap.failover().phase()).isEqualTo(FailoverProgress.Phase.NONE);
    }

    @Test
    void theEnginesConnectFailureSentenceReachesTheSnapshotUntilTheSideConnects() {
        PairState s = PairState.initial("tls:10.0.0.1:4444", "unix:/lab/secondary.sock", T0);
        String sentence = "refused tls:10.0.0.1:4444: the server's certificate is not signed by the CA in /ca.pem:"
                + " give the CA file that signed QEMU's server certificate.";
        s = reducer.reduce(s, new Observation.Attempting(Side.PRIMARY, T0, 1));
        s = reducer.reduce(s, new Observation.ConnectFailed(Side.PRIMARY, T0, org.coloconsole.colo.ConnectFailure.IO,
                sentence));
        SideSnapshot failed = adapter.side(s.primary());
        assertThat(failed.connection()).isNotEqualTo("CONNECTED");
        assertThat(failed.whyNotConnected()).hasValue(sentence);
        assertThat(adapter.side(s.secondary()).whyNotConnected()).isEmpty();
        // never reached: its run state is not known, and the card must not read "unknown (guest paused)"
        assertThat(failed.runState()).isEmpty();
        SideCardViewModel card = new SideCardViewModel("primary", ZoneOffset.UTC);
        card.update(failed, T0);
        assertThat(card.runStateProperty().get()).isEqualTo("unknown");

        s = reducer.reduce(s, new Observation.Connected(Side.PRIMARY, T0.plusSeconds(1), "7.2.22", false));
        assertThat(adapter.side(s.primary()).whyNotConnected()).isEmpty();
    }
}
