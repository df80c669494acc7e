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
 * @param fenceable        the sides that have a fence action configured (what proves a side down otherwise is
 *                         {@link FenceRule}'s to say: a closed UNIX monitor of this host, {@link DeathEvidence})
 */
public record AutoFailoverSettings(boolean enabled, Duration grace, Set<Side> fenceable) {

    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(2);

    public AutoFailoverSettings {
        Objects.requireNonNull(grace, "grace");
        if (grace.isNegative()) {
            throw new IllegalArgumentException("the grace period cannot be negative: " + grace);
        }
        fenceable = fenceable.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(fenceable));
    }

    public static AutoFailoverSettings off() {
        return new AutoFailoverSettings(false, DEFAULT_GRACE, Set.of());
    }
}
