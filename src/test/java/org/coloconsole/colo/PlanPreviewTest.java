package org.coloconsole.colo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The confirm dialog's preview lists the steps the runner will send: the same rule (FailoverPlan.steps) with the
 * survivor's discovered topology, so a full pair's preview has its NBD, filter and replication steps and a skeleton
 * pair's keeps the short fencing runbook.
 */
class PlanPreviewTest {
    private static final Instant T0 = Instant.parse("2026-12-02T13:00:00Z");
    private static final InterlockDecision FENCE = InterlockDecision.allow(true, "the other side answers");
    private final PairReducer reducer = new PairReducer(HeartbeatPolicy.defaults());

    /** Both sides answer; each has the topology given (null: never discovered). */
    private PairState pair(Topology primary, Topology secondary) {
        PairState s = PairState.initial("unix:/p", "unix:/s", T0);
        for (Side side : Side.values()) {
            s = reducer.reduce(s, new Observation.Connected(side, T0, "7.2.22", false));
            s = reducer.reduce(s, new Observation.PingOk(side, T0, Duration.ofMillis(1)));
            Topology t = side == Side.PRIMARY ? primary : secondary;
            if (t != null) {
                s = reducer.reduce(s, new Observation.TopologyDiscovered(side, T0, t));
            }
        }
        return s;
    }

    @Test
    void aFullPairsPreviewListsTheNbdFilterAndReplicationStepsTheRunnerSends() {
        PairState full = pair(GuideTopologies.primary(), GuideTopologies.secondary());

        PlanPreview promote = PlanPreview.of(full, Side.SECONDARY, FailoverPlan.Options.defaults());
        assertThat(promote.steps()).isEqualTo(FailoverPlan.plan(FENCE, new FailoverRequest(Side.SECONDARY, false),
                FailoverPlan.Options.defaults(), GuideTopologies.secondary()));
        assertThat(commands(promote)).containsExactly("stop", "yank", "nbd-server-stop", "x-colo-lost-heartbeat",
                "stop", "object-del", "object-del", "chardev-remove", "chardev-remove", "query-colo-status");

        PlanPreview continuePrimary = PlanPreview.of(full, Side.PRIMARY, FailoverPlan.Options.defaults());
        assertThat(continuePrimary.steps()).isEqualTo(FailoverPlan.plan(FENCE, new FailoverRequest(Side.PRIMARY,
                false), FailoverPlan.Options.defaults(), GuideTopologies.primary()));
        assertThat(continuePrimary.steps()).extracting(FailoverStep::kind)
                .contains(FailoverStep.Kind.DETACH_REPLICATION, FailoverStep.Kind.DELETE_OBJECT);
        assertThat(commands(continuePrimary)).contains("x-blockdev-change", "human-monitor-command");
    }

    @Test
    void aSkeletonPairsPreviewIsTheShortFencingRunbook() {
        List<String> shortList = List.of("stop", "yank", "x-colo-lost-heartbeat", "stop", "query-colo-status");
        // discovered and empty (the skeleton lab), or not discovered yet: the same short list
        for (Topology t : new Topology[] {Topology.empty(), null}) {
            PairState skeleton = pair(t, t);
            for (Side target : Side.values()) {
                assertThat(commands(PlanPreview.of(skeleton, target, FailoverPlan.Options.defaults())))
                        .isEqualTo(shortList);
            }
        }
    }

    private static List<String> commands(PlanPreview preview) {
        return preview.steps().stream().map(FailoverStep::command).toList();
    }
}
