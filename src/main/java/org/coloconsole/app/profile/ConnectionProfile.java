package org.coloconsole.app.profile;

import java.time.Instant;
import java.util.Objects;
import org.coloconsole.app.GuiLauncher.PairEndpoints;
import org.coloconsole.app.HeartbeatSettings;
import org.coloconsole.qmp.Endpoint;

/**
 * A named pair as the operator saved it: both monitors and the heartbeat settings.
 *
 * @param primary       endpoint text, e.g. {@code tcp:10.0.0.1:4444} or {@code unix:/run/colo/primary.sock}
 * @param intervalMs    heartbeat interval
 * @param misses        missed pings that make a side unresponsive
 * @param pingTimeoutMs how long one ping may stay outstanding
 * @param lastUsed      when it was last opened, ISO-8601 (for the recent list); null when never
 */
public record ConnectionProfile(String name, String primary, String secondary, long intervalMs, int misses,
                                long pingTimeoutMs, String lastUsed) {
    public ConnectionProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(primary, "primary");
        Objects.requireNonNull(secondary, "secondary");
    }

    public static ConnectionProfile of(String name, PairEndpoints pair, HeartbeatSettings heartbeat) {
        return new ConnectionProfile(name, pair.primary().toString(), pair.secondary().toString(),
                heartbeat.interval().toMillis(), heartbeat.misses(), heartbeat.pingTimeout().toMillis(), null);
    }

    /** @throws IllegalArgumentException with a sentence when an endpoint or a setting is not valid */
    public PairEndpoints endpoints() {
        return new PairEndpoints(Endpoint.parse(primary), Endpoint.parse(secondary));
    }

    /** @throws IllegalArgumentException with a sentence when a setting is not valid */
    public HeartbeatSettings heartbeat() {
        return new HeartbeatSettings(java.time.Duration.ofMillis(intervalMs), misses,
                java.time.Duration.ofMillis(pingTimeoutMs));
    }

    /** When it was last opened; empty when never or when the stored time does not parse. */
    public java.util.Optional<Instant> lastUsedAt() {
        try {
            return lastUsed == null ? java.util.Optional.empty() : java.util.Optional.of(Instant.parse(lastUsed));
        } catch (java.time.format.DateTimeParseException e) {
            return java.util.Optional.empty();
        }
    }

    public ConnectionProfile usedAt(Instant at) {
        return new ConnectionProfile(name, primary, secondary, intervalMs, misses, pingTimeoutMs, at.toString());
    }
}
