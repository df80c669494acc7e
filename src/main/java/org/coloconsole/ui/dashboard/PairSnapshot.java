package org.coloconsole.ui.dashboard;

import java.time.Instant;
import java.util.Objects;

/** Everything the dashboard shows at one moment; the engine hands a new one over on every change. */
public record PairSnapshot(SideSnapshot primary, SideSnapshot secondary, RecommendationSnapshot recommendation,
                           FailoverProgress failover, Instant at) {
    public PairSnapshot {
        Objects.requireNonNull(primary, "primary");
        Objects.requireNonNull(secondary, "secondary");
        Objects.requireNonNull(recommendation, "recommendation");
        Objects.requireNonNull(failover, "failover");
        Objects.requireNonNull(at, "at");
    }

    public SideSnapshot side(String name) {
        return "primary".equals(name) ? primary : secondary;
    }

    public SideSnapshot other(String name) {
        return "primary".equals(name) ? secondary : primary;
    }
}
