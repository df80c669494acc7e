package org.coloconsole.colo;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * One side's heartbeat as the console's pings see it.
 *
 * @param since       when the status last changed
 * @param recentMicros the last round trips in µs, oldest first (bounded by the policy's history)
 */
public record Heartbeat(HeartbeatStatus status, Optional<Duration> lastRoundTrip, int misses,
                        Optional<Instant> lastOkAt, Instant since, long[] recentMicros) {

    public static Heartbeat unknown(Instant at) {
        return new Heartbeat(HeartbeatStatus.UNKNOWN, Optional.empty(), 0, Optional.empty(), at, new long[0]);
    }

    Heartbeat withStatus(HeartbeatStatus next, Instant at) {
        return next == status ? this : new Heartbeat(next, lastRoundTrip, misses, lastOkAt, at, recentMicros);
    }

    Heartbeat ok(Duration roundTrip, Instant at, HeartbeatPolicy policy) {
        HeartbeatStatus next = roundTrip.compareTo(policy.slowThreshold()) > 0 ? HeartbeatStatus.SLOW
                : HeartbeatStatus.HEALTHY;
        int keep = Math.min(recentMicros.length, policy.history() - 1);
        long[] ring = new long[keep + 1];
        System.arraycopy(recentMicros, recentMicros.length - keep, ring, 0, keep);
        ring[keep] = roundTrip.toNanos() / 1000;
        return new Heartbeat(next, Optional.of(roundTrip), 0, Optional.of(at), next == status ? since : at, ring);
    }

    Heartbeat missed(int consecutive, Instant at, HeartbeatPolicy policy) {
        HeartbeatStatus next = consecutive >= policy.misses() ? HeartbeatStatus.UNRESPONSIVE : status;
        return new Heartbeat(next, lastRoundTrip, consecutive, lastOkAt, next == status ? since : at, recentMicros);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Heartbeat h && status == h.status && lastRoundTrip.equals(h.lastRoundTrip)
                && misses == h.misses && lastOkAt.equals(h.lastOkAt) && since.equals(h.since)
                && Arrays.equals(recentMicros, h.recentMicros);
    }

    @Override
    public int hashCode() {
        return 31 * status.hashCode() + Arrays.hashCode(recentMicros);
    }

    @Override
    public String toString() {
        return status + (lastRoundTrip.map(d -> " rtt " + d.toNanos() / 1000 + " µs").orElse(""))
                + (misses > 0 ? " misses " + misses : "");
    }
}
