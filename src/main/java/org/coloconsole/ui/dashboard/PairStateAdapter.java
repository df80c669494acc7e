package org.coloconsole.ui.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.coloconsole.colo.ColoSupport;
import org.coloconsole.colo.ConnectionStatus;
import org.coloconsole.colo.Heartbeat;
import org.coloconsole.colo.PairState;
import org.coloconsole.colo.Recommendation;
import org.coloconsole.colo.Side;
import org.coloconsole.colo.SideState;

/**
 * Reads the engine's pair state and recommendation into the dashboard's flat snapshot; the only dashboard class
 * that knows the domain's records, so a change there is absorbed here.
 */
public final class PairStateAdapter {
    private final java.time.format.DateTimeFormatter clock;

    public PairStateAdapter(java.time.ZoneId zone) {
        this.clock = java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss").withZone(zone);
    }

    public PairSnapshot snapshot(PairState pair, Recommendation recommendation, Instant now) {
        return new PairSnapshot(side(pair.primary()), side(pair.secondary()), recommendation(recommendation),
                progress(pair.failover()), now);
    }

    SideSnapshot side(SideState s) {
        Heartbeat beat = s.heartbeat();
        List<Duration> rtts = Arrays.stream(beat.recentMicros()).mapToObj(us -> Duration.ofNanos(us * 1000)).toList();
        Optional<SideSnapshot.ColoExit> exit = s.lastExit().map(e -> new SideSnapshot.ColoExit(e.mode().raw(),
                e.reason().raw(), e.error(), e.qemuTime().instant()));
        Optional<String> gap = s.gap().filter(g -> !g.resynced()).map(g -> "Events between " + clock.format(g.from())
                + " and " + clock.format(g.until()) + " were lost while disconnected; the state is being re-read.");
        return new SideSnapshot(s.side().label(), s.endpoint(), s.connection().name(), s.qemuVersion(),
                beat.status().name(), beat.lastRoundTrip(), beat.misses(), rtts,
                runState(s),
                s.running().orElse(false), s.coloMode().raw(), s.lastMode().map(m -> m.raw()).orElse("none"),
                s.reason().raw(), exit,
                s.migrationStatus() == null || s.migrationStatus().isBlank() ? Optional.empty()
                        : Optional.of(s.migrationStatus()),
                s.fenced(), gap, whyNotConnected(s), s.coloSupport().map(ColoSupport::summary));
    }

    /**
     * The engine starts a side at "unknown", which is no QEMU run state: read as one, the card said "unknown (guest
     * paused)" of a side never reached.
     */
    private static Optional<String> runState(SideState s) {
        String state = s.runState();
        return state == null || state.isBlank() || state.equals("unknown") ? Optional.empty() : Optional.of(state);
    }

    /** The engine keeps the last reason until the next connect; a connected side has none to show. */
    private static Optional<String> whyNotConnected(SideState s) {
        return s.connection() == ConnectionStatus.CONNECTED || s.connectionSentence() == null
                || s.connectionSentence().isBlank() ? Optional.empty() : Optional.of(s.connectionSentence());
    }

    static RecommendationSnapshot recommendation(Recommendation r) {
        return new RecommendationSnapshot(r.kind().name(), r.target().map(Side::label), r.headline(), r.reasons());
    }

    static FailoverProgress progress(org.coloconsole.colo.FailoverProgress p) {
        return new FailoverProgress(FailoverProgress.Phase.valueOf(p.phase().name()), p.target().map(Side::label),
                p.sentence() == null || p.sentence().isBlank() ? Optional.empty() : Optional.of(p.sentence()));
    }
}
