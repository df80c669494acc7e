package org.coloconsole.ui.dashboard;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * What the dashboard needs from the engine's failover runner: the plan in sentences, the interlock's verdict, and a
 * run that reports each step. Implemented over the engine's runner; tests use a scripted one.
 */
public interface FailoverPort {

    /** The steps a failover to {@code target} would send, in order, for the confirmation dialog. */
    List<PlannedStep> plan(String target, boolean otherSideFencedAcknowledged);

    /** The interlock's refusal as a sentence, or empty when the failover may run. */
    Optional<String> refusal(String target, boolean otherSideFencedAcknowledged);

    /**
     * Runs the failover. {@code progress} and the future may complete on any thread.
     */
    CompletableFuture<Outcome> run(String target, boolean otherSideFencedAcknowledged, Consumer<StepReport> progress);

    /** One command the runbook will send. */
    record PlannedStep(String side, String command, String sentence) {
    }

    /** A step's progress: {@code index} counts from 0 in plan order. */
    record StepReport(int index, String sentence, StepStatus status, String detail) {
    }

    enum StepStatus { PENDING, RUNNING, DONE, SKIPPED, FAILED }

    /** How it ended, in a sentence for the operator. */
    record Outcome(boolean verified, String sentence) {
    }
}
