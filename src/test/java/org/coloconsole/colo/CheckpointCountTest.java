package org.coloconsole.colo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.coloconsole.qmp.QmpValue;
import org.junit.jupiter.api.Test;

/** The replication figures the cards show: checkpoints per minute counted from the events, and the VM's name. */
class CheckpointCountTest {

    @Test
    void eachCheckpointCountsOnceAndOnlyTheLastMinuteCounts() {
        Scenario s = Scenario.protectedPair();
        for (int i = 0; i < 40; i++) {
            s.after(Scenario.DELAY).checkpoint();
            // the primary's pass between STOP and RESUME is the same checkpoint, not another
            s.apply(new Observation.MigrationPass(Side.PRIMARY, s.now, i));
        }
        // 41 checkpoints in 80 s: the last 60 s hold 30 of them (one every 2 s), and none is counted twice
        assertThat(s.state.primary().checkpointsPerMinute(s.now)).isEqualTo(30);
        assertThat(s.state.secondary().checkpointsPerMinute(s.now)).isEqualTo(30);
        assertThat(s.state.primary().recentCheckpoints()).as("older ones fall out").hasSizeLessThanOrEqualTo(31);
        assertThat(s.state.primary().checkpointsPerMinute(s.now.plus(Duration.ofMinutes(2)))).isZero();
    }

    @Test
    void aResumeAfterColoExitedOrAFenceIsNoCheckpoint() {
        Scenario s = Scenario.protectedPair().coloExit(Side.SECONDARY, "error");
        int before = s.state.secondary().checkpointsPerMinute(s.now);
        s.after(Duration.ofSeconds(1)).checkpointOn(Side.SECONDARY);
        assertThat(s.state.secondary().checkpointsPerMinute(s.now)).isEqualTo(before);
    }

    @Test
    void queryNameBecomesTheVmNameAndAnUnnamedVmHasNone() {
        Optional<Observation> named = PollDecoder.decode(Side.PRIMARY, Scenario.T0, "query-name",
                QmpValue.parse("{\"name\": \"colo-primary\"}"));
        assertThat(named).contains(new Observation.NamePolled(Side.PRIMARY, Scenario.T0, Optional.of("colo-primary")));
        assertThat(PollDecoder.decode(Side.PRIMARY, Scenario.T0, "query-name", QmpValue.parse("{}")))
                .contains(new Observation.NamePolled(Side.PRIMARY, Scenario.T0, Optional.empty()));

        Scenario s = new Scenario().apply(named.orElseThrow());
        assertThat(s.state.primary().vmName()).contains("colo-primary");
    }
}
