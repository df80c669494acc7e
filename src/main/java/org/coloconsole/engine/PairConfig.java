package org.coloconsole.engine;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.coloconsole.colo.HeartbeatPolicy;
import org.coloconsole.colo.ServiceProbes;
import org.coloconsole.colo.Side;
import org.coloconsole.qmp.Endpoint;
import org.coloconsole.qmp.TlsSettings;

/**
 * The two monitors and how to watch them.
 *
 * @param tls           CA and client certificate for {@code tls:} endpoints
 * @param allowInsecure whether plain {@code tcp:} may reach a non-loopback address
 * @param probes        each side's service probe, if any
 */
public record PairConfig(Endpoint primary, Endpoint secondary, HeartbeatSettings heartbeat,
                         HeartbeatPolicy policy, Duration connectTimeout, Duration commandTimeout,
                         Optional<TlsSettings> tls, boolean allowInsecure, ServiceProbes probes) {

    public PairConfig {
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(probes, "probes");
        Objects.requireNonNull(primary, "primary");
        Objects.requireNonNull(secondary, "secondary");
        if (primary.equals(secondary)) {
            throw new IllegalArgumentException("the primary and the secondary must be different monitors, not both "
                    + primary);
        }
    }

    /** Without service probes. */
    public PairConfig(Endpoint primary, Endpoint secondary, HeartbeatSettings heartbeat, HeartbeatPolicy policy,
                      Duration connectTimeout, Duration commandTimeout, Optional<TlsSettings> tls,
                      boolean allowInsecure) {
        this(primary, secondary, heartbeat, policy, connectTimeout, commandTimeout, tls, allowInsecure,
                ServiceProbes.none());
    }

    public static PairConfig of(Endpoint primary, Endpoint secondary) {
        HeartbeatSettings heartbeat = HeartbeatSettings.defaults();
        return new PairConfig(primary, secondary, heartbeat,
                new HeartbeatPolicy(heartbeat.misses(), Duration.ofMillis(100), 240),
                Duration.ofSeconds(2), Duration.ofSeconds(5), Optional.empty(), false);
    }

    public PairConfig withHeartbeat(HeartbeatSettings next) {
        return new PairConfig(primary, secondary, next, new HeartbeatPolicy(next.misses(), policy.slowThreshold(),
                policy.history()), connectTimeout, commandTimeout, tls, allowInsecure, probes);
    }

    public PairConfig withTls(TlsSettings value) {
        return new PairConfig(primary, secondary, heartbeat, policy, connectTimeout, commandTimeout,
                Optional.ofNullable(value), allowInsecure, probes);
    }

    public PairConfig withAllowInsecure(boolean value) {
        return new PairConfig(primary, secondary, heartbeat, policy, connectTimeout, commandTimeout, tls, value,
                probes);
    }

    public PairConfig withProbes(ServiceProbes value) {
        return new PairConfig(primary, secondary, heartbeat, policy, connectTimeout, commandTimeout, tls,
                allowInsecure, value);
    }

    public Endpoint endpoint(Side side) {
        return side == Side.PRIMARY ? primary : secondary;
    }
}
