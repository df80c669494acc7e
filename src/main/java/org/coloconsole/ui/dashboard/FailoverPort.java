package org.coloconsole.ui.dashboard;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.coloconsole.colo.PlanPreview;
import org.coloconsole.colo.Side;

/**
 * What the dashboard needs from the engine's failover runner: the plan's preview, the interlock's verdict, and a
 * run that reports each step. Implemented over the engine's runner; tests use a scripted one.
 */
public interface FailoverPort {

    /** The steps a failover to {@code target} would send, in order, for the confirmation dialog. */
    PlanPreview preview(Side target);

    /**
     * The sides that have a fence action: a failover runs the other side's first when that side does not answer
     * ({@link org.coloconsole.colo.FenceRule}), so the confirmation does not ask for the operator's word.
     */
    default Set<Side> fenceable() {
        return Set.of();
    }

    /** The interlock's refusal as a sentence, or empty when the failover may run. */
    Optional<String> refusal(Side target, boolean otherSideFencedAcknowledged);

    /** The operator's word that they checked both sides after the failover to {@code target} was abandoned. */
    void clearAbandoned(Side target);

    /**
     * Runs the failover. {@code progress} and the future may complete on any thread.
     */
    CompletableFuture<Outcome> run(Side target, boolean otherSideFencedAcknowledged, Consumer<StepUpdate> progress);

    /** A runbook row's new status: {@code index} counts from 0 in plan order. */
    record StepUpdate(int index, String sentence, StepStatus status, String detail) {
    }

    enum StepStatus { PENDING, RUNNING, DONE, SKIPPED, FAILED }

    /** How it ended, in a sentence for the operator. */
    record Outcome(boolean verified, String sentence) {
    }
}
