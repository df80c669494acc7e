package org.coloconsole.colo;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A pair's automatic-failover policy as the profile sets it (off by default).
 *
 * @param enabled          whether the console may promote a survivor on its own
 * @param grace            how long the countdown runs, in which the operator can cancel
 * @param fenceable        the sides that have a fence action configured
 * @param localUnixMonitor the sides whose monitor is a UNIX socket on this host: there a closed socket means the
 *                         QEMU process is gone (nothing between the console and QEMU can close it), which is proof
 *                         enough; over TCP it may be a host or a proxy that closed it
 */
public record AutoFailoverSettings(boolean enabled, Duration grace, Set<Side> fenceable, Set<Side> localUnixMonitor) {

    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(2);

    public AutoFailoverSettings {
        Objects.requireNonNull(grace, "grace");
        if (grace.isNegative()) {
            throw new IllegalArgumentException("the grace period cannot be negative: " + grace);
        }
        fenceable = fenceable.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(fenceable));
        localUnixMonitor = localUnixMonitor.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(localUnixMonitor));
    }

    public static AutoFailoverSettings off() {
        return new AutoFailoverSettings(false, DEFAULT_GRACE, Set.of(), Set.of());
    }
}
