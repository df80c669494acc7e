package org.coloconsole.colo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The ordered steps of an allowed failover. Fencing comes first: QEMU never fences, and a lost-heartbeat to the
 * chosen side leaves the other guest running (docs/colo-behaviour.md). {@code stop} alone is not final — a later lost-heartbeat
 * to a stopped side resumes it — so {@code quit} is offered too.
 */
public final class FailoverPlan {
    private FailoverPlan() {
    }

    /** What the operator may choose beyond the defaults. */
    public record Options(boolean quitFencedSide, boolean yankMigration) {
        public static Options defaults() {
            return new Options(false, true);
        }
    }

    public static List<FailoverStep> plan(InterlockDecision decision, FailoverRequest request, Options options) {
        return plan(decision, request, options, Topology.empty());
    }

    /**
     * With the survivor's discovered topology: the guide's sequence for the parts it has ({@link SurvivorCleanup})
     * around the lost-heartbeat. An empty topology (a skeleton pair) gives exactly the fencing runbook.
     */
    public static List<FailoverStep> plan(InterlockDecision decision, FailoverRequest request, Options options,
                                          Topology survivor) {
        if (!decision.allowed()) {
            throw new IllegalArgumentException("no plan for a refused failover: " + decision.sentence());
        }
        return steps(request.target(), decision.fenceOtherSide(), options, survivor);
    }

    static List<FailoverStep> steps(Side target, boolean fenceOtherSide, Options options) {
        return steps(target, fenceOtherSide, options, Topology.empty());
    }

    static List<FailoverStep> steps(Side target, boolean fenceOtherSide, Options options, Topology survivor) {
        Side other = target.other();
        List<FailoverStep> steps = new ArrayList<>();
        if (fenceOtherSide) {
            steps.add(new FailoverStep(FailoverStep.Kind.FENCE_STOP, other, "stop", Map.of(), false,
                    "Stop the " + other.label() + "'s guest so it cannot run beside the " + target.label() + "."));
            if (options.quitFencedSide()) {
                steps.add(new FailoverStep(FailoverStep.Kind.FENCE_QUIT, other, "quit", Map.of(), false,
                        "Quit the " + other.label() + "'s QEMU for good."));
            }
        }
        if (options.yankMigration()) {
            steps.add(new FailoverStep(FailoverStep.Kind.YANK, target, "yank",
                    Map.of("instances", List.of(Map.of("type", "migration"))), true,
                    "Cut the " + target.label() + "'s replication connection, in case it is stuck."));
        }
        steps.addAll(SurvivorCleanup.beforeLostHeartbeat(target, survivor));
        steps.add(new FailoverStep(FailoverStep.Kind.LOST_HEARTBEAT, target, "x-colo-lost-heartbeat", Map.of(),
                false, "Tell the " + target.label() + " to leave COLO and carry on alone."));
        if (fenceOtherSide && !options.quitFencedSide()) {
            // measured on a real pair: a checkpoint after `stop` runs the stopped guest again (paused → colo →
            // running), so a checkpoint that falls before the link is cut would undo the first fence
            steps.add(new FailoverStep(FailoverStep.Kind.REFENCE_STOP, other, "stop", Map.of(), false,
                    "Stop the " + other.label() + "'s guest again: a checkpoint before the link was cut may have "
                            + "resumed it."));
        }
        // after the re-fence: the other side's guest is stopped again first, then the survivor is tidied
        steps.addAll(SurvivorCleanup.afterLostHeartbeat(target, survivor));
        steps.add(new FailoverStep(FailoverStep.Kind.VERIFY, target, "query-colo-status", Map.of(), false,
                "Verify that the " + target.label() + " left COLO on request and runs."));
        return List.copyOf(steps);
    }

    /** See {@link Verification#verified(PairState, Side)}. */
    public static boolean verified(PairState pair, Side target) {
        return Verification.verified(pair, target);
    }
}
