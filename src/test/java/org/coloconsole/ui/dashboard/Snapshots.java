package org.coloconsole.ui.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.coloconsole.colo.ColoExitReason;
import org.coloconsole.colo.ColoMode;
import org.coloconsole.colo.ConnectFailure;
import org.coloconsole.colo.HeartbeatPolicy;
import org.coloconsole.colo.Observation;
import org.coloconsole.colo.PairReducer;
import org.coloconsole.colo.PairSnapshot;
import org.coloconsole.colo.PairState;
import org.coloconsole.colo.Recommendation;
import org.coloconsole.colo.Recommender;
import org.coloconsole.colo.Side;
import org.coloconsole.colo.SocketKind;
import org.coloconsole.colo.SideState;
import org.coloconsole.colo.Tag;
import org.coloconsole.qmp.QmpTimestamp;

/**
 * Pair states for the dashboard's tests, built the way the engine builds them: observations through the real
 * reducer. Named after the faults of docs/colo-behaviour.md.
 */
public final class Snapshots {
    public static final Instant NOW = Instant.parse("2026-11-25T21:10:00Z");
    private static final Instant BEFORE = NOW.minusSeconds(30);

    private final PairReducer reducer = new PairReducer(HeartbeatPolicy.defaults());
    private PairState state;

    private Snapshots(String primaryEndpoint, String secondaryEndpoint) {
        state = PairState.initial(primaryEndpoint, secondaryEndpoint, BEFORE);
    }

    /** Both sides never reached yet. */
    public static Snapshots unconnected(String primaryEndpoint, String secondaryEndpoint) {
        return new Snapshots(primaryEndpoint, secondaryEndpoint);
    }

    /** Both sides connected, answering in 0.42 ms, running and replicating. */
    public static Snapshots replicating() {
        Snapshots pair = new Snapshots(endpoint(Side.PRIMARY), endpoint(Side.SECONDARY));
        for (Side side : Side.values()) {
            pair.apply(new Observation.Connected(side, BEFORE, "7.2.22", false));
            pair.apply(new Observation.StatusPolled(side, BEFORE, true, "running"));
            pair.apply(new Observation.ColoStatusPolled(side, BEFORE, Tag.of(ColoMode.class, side.label()),
                    Optional.empty(), Tag.of(ColoExitReason.class, "none")));
            pair.apply(new Observation.MigratePolled(side, BEFORE, "colo"));
            pair.apply(new Observation.Resynced(side, BEFORE));
            for (long micros : new long[] {400, 450, 420}) {
                pair.apply(new Observation.PingOk(side, BEFORE, Duration.ofNanos(micros * 1000)));
            }
        }
        return pair;
    }

    public static String endpoint(Side side) {
        return "unix:/run/lab/" + side.label() + "-console.sock";
    }

    public Snapshots apply(Observation o) {
        state = reducer.reduce(state, o);
        return this;
    }

    /** Its QEMU was killed: the socket closed. */
    public Snapshots lost(Side side) {
        return apply(new Observation.Lost(side, NOW.minusSeconds(2), "the monitor closed"));
    }

    /** The socket stays open, the pings go unanswered (SIGSTOP). */
    public Snapshots unresponsive(Side side, int misses) {
        return apply(new Observation.PingMissed(side, NOW.minusSeconds(1), misses, Duration.ofSeconds(1)));
    }

    /** COLO_EXIT as QEMU sends it, stamped 2.1 s before {@link #NOW} by QEMU's clock. */
    public Snapshots exited(Side side, String reason, Optional<String> error) {
        Instant at = NOW.minusMillis(2100);
        return apply(new Observation.ColoExit(side, at, Tag.of(ColoMode.class, side.label()),
                Tag.of(ColoExitReason.class, reason), error,
                new QmpTimestamp(at.getEpochSecond(), at.getNano() / 1000), "{\"event\":\"COLO_EXIT\"}"));
    }

    /** A connect attempt failed with the engine's sentence (e.g. a refused TLS handshake). */
    public Snapshots connectFailed(Side side, ConnectFailure why, String sentence) {
        apply(new Observation.Attempting(side, NOW.minusSeconds(1), 1));
        return apply(new Observation.ConnectFailed(side, NOW.minusSeconds(1), SocketKind.LOCAL_UNIX, why, sentence));
    }

    public SideState side(Side side) {
        return state.side(side);
    }

    public PairState state() {
        return state;
    }

    /** The snapshot with a recommendation the test chooses: the banner's words are the engine's, not the view's. */
    public PairSnapshot recommending(Recommendation.Kind kind, Optional<Side> target) {
        return new PairSnapshot(state, new Recommendation(kind, target, "headline for " + kind,
                List.of("reason one", "reason two"), false), NOW);
    }

    /** The snapshot with the engine's own recommendation for this state. */
    public PairSnapshot recommendedByTheEngine() {
        return new PairSnapshot(state, Recommender.recommend(state, NOW), NOW);
    }

    public PairSnapshot advising(Recommendation recommendation) {
        return new PairSnapshot(state, recommendation, NOW);
    }

    public static PairSnapshot protectedPair() {
        return replicating().recommending(Recommendation.Kind.PROTECTED, Optional.empty());
    }

    public static PairSnapshot primaryKilled() {
        return replicating().lost(Side.PRIMARY).exited(Side.SECONDARY, "error", Optional.empty())
                .recommending(Recommendation.Kind.PROMOTE_SECONDARY, Optional.of(Side.SECONDARY));
    }
}
