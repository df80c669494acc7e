package org.coloconsole.ui.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** A failover runner whose answers the test sets, and which records what it was asked to run. */
public final class ScriptedFailoverPort implements FailoverPort {
    public Optional<String> refusal = Optional.empty();
    public final List<String> runs = new ArrayList<>();
    public final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    public volatile Consumer<StepReport> progress;

    @Override
    public List<PlannedStep> plan(String target, boolean ack) {
        String other = "primary".equals(target) ? "secondary" : "primary";
        List<PlannedStep> steps = new ArrayList<>();
        if (!ack) {
            steps.add(new PlannedStep(other, "stop", "stop → " + other + ": pause its guest (fence)"));
        }
        steps.add(new PlannedStep(target, "x-colo-lost-heartbeat", "x-colo-lost-heartbeat → " + target));
        steps.add(new PlannedStep(target, "query-status", "verify the " + target + " runs alone"));
        return steps;
    }

    @Override
    public Optional<String> refusal(String target, boolean ack) {
        return refusal;
    }

    @Override
    public CompletableFuture<Outcome> run(String target, boolean ack, Consumer<StepReport> progress) {
        runs.add(target + (ack ? " (fenced acknowledged)" : ""));
        this.progress = progress;
        return outcome;
    }
}
