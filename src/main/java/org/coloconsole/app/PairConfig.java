package org.coloconsole.app;

import java.time.Duration;
import java.util.Objects;
import org.coloconsole.colo.HeartbeatPolicy;
import org.coloconsole.colo.Side;
import org.coloconsole.qmp.Endpoint;

/** The two monitors and how to watch them. */
public record PairConfig(Endpoint primary, Endpoint secondary, HeartbeatSettings heartbeat,
                         HeartbeatPolicy policy, Duration connectTimeout, Duration commandTimeout) {

    public PairConfig {
        Objects.requireNonNull(primary, "primary");
        Objects.requireNonNull(secondary, "secondary");
        if (primary.equals(secondary)) {
            throw new IllegalArgumentException("the primary and the secondary must be different monitors, not both "
                    + primary);
        }
    }

    public static PairConfig of(Endpoint primary, Endpoint secondary) {
        HeartbeatSettings heartbeat = HeartbeatSettings.defaults();
        return new PairConfig(primary, secondary, heartbeat,
                new HeartbeatPolicy(heartbeat.misses(), Duration.ofMillis(100), 240),
                Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    public PairConfig withHeartbeat(HeartbeatSettings next) {
        return new PairConfig(primary, secondary, next, new HeartbeatPolicy(next.misses(), policy.slowThreshold(),
                policy.history()), connectTimeout, commandTimeout);
    }

    public Endpoint endpoint(Side side) {
        return side == Side.PRIMARY ? primary : secondary;
    }
}
