package org.coloconsole.colo;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.coloconsole.qmp.QmpTimestamp;

/**
 * Builds pair states the way the console would see them, from observations of a real pair (docs/colo-behaviour.md), with a
 * clock the test moves.
 */
final class Scenario {
    static final Instant T0 = Instant.parse("2026-11-25T20:00:00Z");
    static final Duration DELAY = Duration.ofSeconds(2);

    private final PairReducer reducer = new PairReducer(HeartbeatPolicy.defaults());
    PairState state = PairState.initial("unix:/run/p.sock", "unix:/run/s.sock", T0);
    Instant now = T0;

    /** Both sides connected, polled, replicating, one checkpoint just seen. */
    static Scenario protectedPair() {
        Scenario s = new Scenario();
        for (Side side : Side.values()) {
            s.apply(new Observation.Connected(side, s.now, "7.2.22", false));
            s.apply(new Observation.StatusPolled(side, s.now, true, "running"));
            s.apply(new Observation.ColoStatusPolled(side, s.now,
                    Tag.of(ColoMode.class, side.label()), Optional.of(Tag.of(ColoMode.class, "none")),
                    Tag.of(ColoExitReason.class, "none")));
            s.apply(new Observation.MigratePolled(side, s.now, "colo"));
            s.apply(new Observation.CheckpointDelayPolled(side, s.now, DELAY));
            s.apply(new Observation.Resynced(side, s.now));
            s.apply(new Observation.PingOk(side, s.now, Duration.ofNanos(180_000)));
        }
        s.checkpoint();
        return s;
    }

    Scenario apply(Observation o) {
        state = reducer.reduce(state, o);
        return this;
    }

    Scenario after(Duration d) {
        now = now.plus(d);
        return this;
    }

    /** A checkpoint: STOP then RESUME on both sides, as every x-checkpoint-delay. */
    Scenario checkpoint() {
        for (Side side : Side.values()) {
            apply(new Observation.Stopped(side, now));
            apply(new Observation.Resumed(side, now));
        }
        return this;
    }

    Scenario pingOk(Side side) {
        return apply(new Observation.PingOk(side, now, Duration.ofNanos(200_000)));
    }

    Scenario killed(Side side) {
        return apply(new Observation.Lost(side, now, "the connection closed"));
    }

    Scenario frozen(Side side) {
        for (int i = 1; i <= 3; i++) {
            after(Duration.ofMillis(250));
            apply(new Observation.PingMissed(side, now, i, Duration.ofMillis(250L * i)));
        }
        return this;
    }

    Scenario unreachable(Side side) {
        killedConnection(side);
        return apply(new Observation.ConnectFailed(side, now, SocketKind.LOCAL_UNIX, ConnectFailure.CONNECT_TIMEOUT, "timed out"));
    }

    private void killedConnection(Side side) {
        apply(new Observation.Lost(side, now, "the connection failed: Connection reset"));
    }

    Scenario coloExit(Side side, String reason) {
        return apply(new Observation.ColoExit(side, now, Tag.of(ColoMode.class, side.label()),
                Tag.of(ColoExitReason.class, reason), Optional.empty(), new QmpTimestamp(1764100800, 0), "{}"));
    }

    /** What a side emits after {@code x-colo-lost-heartbeat} (transcripts a, b): STOP, MIGRATION completed,
     *  COLO_EXIT request, RESUME. */
    Scenario lostHeartbeatSent(Side side) {
        apply(new Observation.Stopped(side, now));
        apply(new Observation.MigrationChanged(side, now, "completed"));
        coloExit(side, "request");
        return apply(new Observation.Resumed(side, now));
    }

    /** A failover the console ran: intent, fence the other side if asked, lost-heartbeat, verified. */
    Scenario consoleFailover(Side target, boolean fenceOther) {
        apply(new Observation.FailoverStarted(target, now));
        if (fenceOther) {
            apply(new Observation.Stopped(target.other(), now));
            apply(new Observation.Fenced(target.other(), now, "stop"));
        }
        lostHeartbeatSent(target);
        return apply(new Observation.FailoverSucceeded(target, now));
    }

    Scenario polledStatus(Side side, boolean running, String status) {
        return apply(new Observation.StatusPolled(side, now, running, status));
    }

    /** A checkpoint seen by one side only (the console cannot see the other). */
    Scenario checkpointOn(Side side) {
        apply(new Observation.Stopped(side, now));
        return apply(new Observation.Resumed(side, now));
    }

    /** What query-colo-status reads on a side after a lost-heartbeat took it out of COLO. */
    Scenario polledTookOver(Side side) {
        return apply(new Observation.ColoStatusPolled(side, now, Tag.of(ColoMode.class, "none"),
                Optional.of(Tag.of(ColoMode.class, side.label())), Tag.of(ColoExitReason.class, "request")));
    }

    Recommendation recommendation() {
        return Recommender.recommend(state, now);
    }

    InterlockDecision check(Side target, boolean acknowledged) {
        return FailoverInterlock.check(state, new FailoverRequest(target, acknowledged));
    }
}
