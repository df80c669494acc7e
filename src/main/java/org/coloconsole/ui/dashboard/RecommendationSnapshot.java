package org.coloconsole.ui.dashboard;

import java.util.List;
import java.util.Optional;

/**
 * The engine's recommendation as the banner reads it.
 *
 * @param kind   PROTECTED, DEGRADED, PROMOTE_SECONDARY, CONTINUE_ON_PRIMARY, WAIT, CANNOT_TELL (unknown kept as text)
 * @param target the side the engine would carry on with, when it recommends a failover
 */
public record RecommendationSnapshot(String kind, Optional<String> target, String headline, List<String> reasons) {
    public RecommendationSnapshot {
        reasons = List.copyOf(reasons);
    }

    public static RecommendationSnapshot cannotTell(String headline) {
        return new RecommendationSnapshot("CANNOT_TELL", Optional.empty(), headline, List.of());
    }
}
