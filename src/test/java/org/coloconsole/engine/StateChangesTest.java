package org.coloconsole.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.coloconsole.colo.HeartbeatPolicy;
import org.coloconsole.colo.Observation;
import org.coloconsole.colo.PairReducer;
import org.coloconsole.colo.PairState;
import org.coloconsole.colo.Side;
import org.junit.jupiter.api.Test;

class StateChangesTest {
    private static final Instant T0 = Instant.parse("2026-11-25T21:00:00Z");
    private final PairReducer reducer = new PairReducer(HeartbeatPolicy.defaults());

    @Test
    void aSideThatStopsAnsweringIsCriticalAndALostOneToo() {
        PairState connected = reducer.reduce(PairState.initial("unix:/p", "unix:/s", T0),
                new Observation.Connected(Side.PRIMARY, T0, "7.2.22", false));
        PairState frozen = reducer.reduce(connected,
                new Observation.PingMissed(Side.PRIMARY, T0.plusSeconds(1), 3, Duration.ofSeconds(1)));

        assertThat(StateChanges.between(connected.primary(), frozen.primary()))
                .singleElement().satisfies(change -> {
                    assertThat(change.field()).isEqualTo(StateChanges.Field.HEARTBEAT);
                    assertThat(change.to()).isEqualTo("UNRESPONSIVE");
                    assertThat(change.severity()).isEqualTo(LogEntry.Severity.CRITICAL);
                });
    }

    /** The journal's field names are what readers of old journals (and jq scripts) look for. */
    @Test
    void theJournalNamesOfTheFieldsAreUnchanged() {
        assertThat(Arrays.stream(StateChanges.Field.values()).map(StateChanges.Field::wireName))
                .containsExactly("connection", "heartbeat", "run-state", "colo-mode", "colo-last-mode",
                        "colo-reason", "colo-exit", "migration", "fenced", "colo-support", "gap", "topology", "service");
        assertThat(Arrays.stream(AuditKind.values()).map(AuditKind::what)).containsExactly("state", "failover",
                "recommendation", "gap", "action-intent", "action-step", "action-outcome", "action-refused", "claim",
                "claim-taken-over", "claim-recheck", "claim-released", "fence-intent", "fence-outcome", "auto-failover", "alert");
    }
}
