package org.coloconsole.colo;

import java.util.Objects;
import java.util.Optional;

/**
 * A side's service probe as the console runs it: the probe the profile names (if any) and its last result.
 *
 * @param probe the configured probe; empty when the profile names none
 * @param last  the last result, empty until the probe ran
 */
public record ServiceWatch(Optional<ServiceProbe> probe, Optional<ProbeResult> last) {
    public ServiceWatch {
        Objects.requireNonNull(probe, "probe");
        Objects.requireNonNull(last, "last");
    }

    public static ServiceWatch none() {
        return new ServiceWatch(Optional.empty(), Optional.empty());
    }
}
