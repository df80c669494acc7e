package org.coloconsole.colo;

import java.time.Duration;
import java.util.Optional;

/**
 * The service probe of each side, if any. Probes connect only to loopback unless {@code allowRemote}: the same rule as
 * plain TCP monitors (a probe names a host the operator typed; the console does not reach across the network unasked).
 *
 * @param within how long the survivor's probe may take to pass after a failover before it counts as failed
 */
public record ServiceProbes(Optional<ServiceProbe> primary, Optional<ServiceProbe> secondary, boolean allowRemote,
                            Duration within) {
    /** The survivor's guest answered 0.1–0.2 s after the guide's sequences (docs/colo-full-pair.md). */
    public static final Duration DEFAULT_WITHIN = Duration.ofSeconds(10);

    public static ServiceProbes none() {
        return new ServiceProbes(Optional.empty(), Optional.empty(), false, DEFAULT_WITHIN);
    }

    public Optional<ServiceProbe> of(Side side) {
        return side == Side.PRIMARY ? primary : secondary;
    }
}
