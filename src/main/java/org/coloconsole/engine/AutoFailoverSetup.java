package org.coloconsole.engine;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.coloconsole.colo.AutoFailoverSettings;
import org.coloconsole.colo.Side;

/**
 * What a profile says about automatic failover: whether it is on, its grace period, and each side's fence action
 * (which a failover by hand runs too, when the other side does not answer: {@link Fencing}).
 */
public record AutoFailoverSetup(boolean enabled, Duration grace, Map<Side, FenceSpec> fences) {

    public AutoFailoverSetup {
        Objects.requireNonNull(grace, "grace");
        fences = fences.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(fences));
    }

    /** Off, with no fence action: what a profile without the setting means. */
    public static AutoFailoverSetup off() {
        return new AutoFailoverSetup(false, AutoFailoverSettings.DEFAULT_GRACE, Map.of());
    }
}
