package org.coloconsole.app.profile;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.coloconsole.colo.AutoFailoverSettings;
import org.coloconsole.colo.Side;
import org.coloconsole.engine.AutoFailoverSetup;
import org.coloconsole.engine.FenceSpec;

/**
 * A profile's automatic failover, as stored (off when absent). Example in profiles.json:
 * <pre>
 * "autoFailover": {"enabled": true, "graceMs": 2000,
 *   "fencePrimary": {"command": ["/run/user/1000/colo-console/lab/fence_colo_lab"],
 *                    "options": {"plug": "primary"}, "timeoutMs": 10000}}
 * </pre>
 *
 * @param graceMs the countdown; null for the default (2 s)
 */
public record AutoFailoverProfile(boolean enabled, Long graceMs, Fence fencePrimary, Fence fenceSecondary) {

    /**
     * A fence agent: the program and its arguments (no shell), its standard-input options, its timeout (null: 30 s).
     */
    public record Fence(List<String> command, Map<String, String> options, Long timeoutMs) {
    }

    /** @throws IllegalArgumentException with a sentence naming the field that is wrong */
    public AutoFailoverSetup setup() {
        if (graceMs != null && graceMs < 0) {
            throw new IllegalArgumentException("autoFailover.graceMs cannot be negative: " + graceMs);
        }
        Map<Side, FenceSpec> fences = new EnumMap<>(Side.class);
        if (fencePrimary != null) {
            fences.put(Side.PRIMARY, spec("fencePrimary", fencePrimary));
        }
        if (fenceSecondary != null) {
            fences.put(Side.SECONDARY, spec("fenceSecondary", fenceSecondary));
        }
        return new AutoFailoverSetup(enabled, graceMs == null ? AutoFailoverSettings.DEFAULT_GRACE
                : Duration.ofMillis(graceMs), fences);
    }

    private static FenceSpec spec(String field, Fence fence) {
        try {
            return new FenceSpec(fence.command() == null ? List.of() : fence.command(),
                    fence.options() == null ? Map.of() : fence.options(),
                    fence.timeoutMs() == null ? FenceSpec.DEFAULT_TIMEOUT : Duration.ofMillis(fence.timeoutMs()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("autoFailover." + field + ": " + e.getMessage(), e);
        }
    }
}
