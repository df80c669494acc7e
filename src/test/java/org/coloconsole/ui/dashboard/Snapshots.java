package org.coloconsole.ui.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Pair states for the dashboard's tests, named after the scenarios in colo-lab.md. */
public final class Snapshots {
    public static final Instant NOW = Instant.parse("2026-11-25T21:10:00Z");

    private Snapshots() {
    }

    public static SideSnapshot healthy(String side) {
        return new SideSnapshot(side, "unix:/run/lab/" + side + "-console.sock", "CONNECTED", Optional.of("7.2.22"),
                "HEALTHY", Optional.of(Duration.ofNanos(420_000)), 0,
                List.of(Duration.ofNanos(400_000), Duration.ofNanos(450_000), Duration.ofNanos(420_000)),
                Optional.of("running"), true, side, "none", "none", Optional.empty(), Optional.of("colo"), false,
                Optional.empty(), Optional.empty());
    }

    public static SideSnapshot lost(String side) {
        return new SideSnapshot(side, "unix:/run/lab/" + side + "-console.sock", "DISCONNECTED",
                Optional.of("7.2.22"), "LOST", Optional.empty(), 0, List.of(), Optional.empty(), false, side, "none",
                "none", Optional.empty(), Optional.empty(), false, Optional.empty(), Optional.of("socket closed"));
    }

    public static SideSnapshot withHeartbeat(SideSnapshot s, String heartbeat, int misses) {
        return new SideSnapshot(s.side(), s.endpoint(), s.connection(), s.qemuVersion(), heartbeat, s.lastRtt(),
                misses, s.recentRtts(), s.runState(), s.running(), s.coloMode(), s.lastMode(), s.reason(),
                s.lastExit(), s.migrationStatus(), s.fenced(), s.gap(), s.whyNotConnected());
    }

    public static SideSnapshot exited(SideSnapshot s, String reason, Optional<String> error) {
        return new SideSnapshot(s.side(), s.endpoint(), s.connection(), s.qemuVersion(), s.heartbeat(), s.lastRtt(),
                s.misses(), s.recentRtts(), s.runState(), s.running(), s.coloMode(), s.lastMode(), s.reason(),
                Optional.of(new SideSnapshot.ColoExit(s.side(), reason, error, Optional.of(NOW.minusMillis(2100)))),
                s.migrationStatus(), s.fenced(), s.gap(), s.whyNotConnected());
    }

    /** A side the console tried and failed to reach (e.g. a refused TLS handshake), never connected. */
    public static SideSnapshot connectFailed(String side, String endpoint, String heartbeat, String sentence) {
        return new SideSnapshot(side, endpoint, "CONNECTING", Optional.empty(), heartbeat, Optional.empty(), 0,
                List.of(), Optional.empty(), false, "none", "none", "none", Optional.empty(), Optional.empty(), false,
                Optional.empty(), Optional.of(sentence));
    }

    public static PairSnapshot pair(SideSnapshot primary, SideSnapshot secondary, String kind, Optional<String> target) {
        return new PairSnapshot(primary, secondary,
                new RecommendationSnapshot(kind, target, "headline for " + kind, List.of("reason one", "reason two")),
                FailoverProgress.none(), NOW);
    }

    public static PairSnapshot protectedPair() {
        return pair(healthy("primary"), healthy("secondary"), "PROTECTED", Optional.empty());
    }

    public static PairSnapshot primaryKilled() {
        return pair(lost("primary"), exited(healthy("secondary"), "error", Optional.empty()), "PROMOTE_SECONDARY",
                Optional.of("secondary"));
    }
}
