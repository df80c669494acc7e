package org.coloconsole.colo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A runbook asked to stop ends before its lost-heartbeat, never after it. */
class SafeStopTest {
    private static final List<FailoverStep> STEPS = List.of(
            step(FailoverStep.Kind.FENCE_STOP, Side.PRIMARY, "stop"),
            step(FailoverStep.Kind.YANK, Side.SECONDARY, "yank"),
            step(FailoverStep.Kind.LOST_HEARTBEAT, Side.SECONDARY, "x-colo-lost-heartbeat"),
            step(FailoverStep.Kind.REFENCE_STOP, Side.PRIMARY, "stop"),
            step(FailoverStep.Kind.VERIFY, Side.SECONDARY, "verify"));

    @Test
    void mayStopUpToTheLostHeartbeatAndNotAfterIt() {
        assertThat(SafeStop.before(STEPS, 0)).isTrue();
        assertThat(SafeStop.before(STEPS, 1)).isTrue();
        assertThat(SafeStop.before(STEPS, 2)).as("before the lost-heartbeat is sent").isTrue();
        assertThat(SafeStop.before(STEPS, 3)).as("after it: the re-fence must run").isFalse();
        assertThat(SafeStop.before(STEPS, 4)).isFalse();
    }

    private static FailoverStep step(FailoverStep.Kind kind, Side side, String command) {
        return new FailoverStep(kind, side, command, Map.of(), false, command);
    }
}
