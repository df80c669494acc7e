package org.coloconsole.colo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A side that never left COLO reports last-mode none and reason none in {@code query-colo-status}: nothing for a card
 * or a status line to say.
 */
class ColoHistoryTest {

    @Test
    void aSideInColoSinceItStartedHasNoHistoryAndAnExitedOneHas() {
        Scenario s = Scenario.protectedPair();
        assertThat(s.state.primary().reportsColoHistory()).isFalse();
        assertThat(s.state.secondary().reportsColoHistory()).isFalse();

        // query-colo-status after a failover: mode none, last-mode secondary, reason request
        s.after(Duration.ofMillis(500)).polledTookOver(Side.SECONDARY);
        assertThat(s.state.secondary().reportsColoHistory()).isTrue();
        assertThat(s.state.primary().reportsColoHistory()).isFalse();
    }
}
