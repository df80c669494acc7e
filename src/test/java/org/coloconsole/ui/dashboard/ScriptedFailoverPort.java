package org.coloconsole.ui.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.coloconsole.colo.FailoverStep;
import org.coloconsole.colo.PlanPreview;
import org.coloconsole.colo.Side;

/** A failover runner whose answers the test sets, and which records what it was asked to run. */
public final class ScriptedFailoverPort implements FailoverPort {
    public Optional<String> refusal = Optional.empty();
    public final List<String> runs = new ArrayList<>();
    public final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    public volatile Consumer<StepUpdate> progress;
    public final List<Side> cleared = new ArrayList<>();
    public java.util.Set<Side> fenceable = java.util.Set.of();

    @Override
    public java.util.Set<Side> fenceable() {
        return fenceable;
    }

    @Override
    public PlanPreview preview(Side target) {
        Side other = target.other();
        return new PlanPreview(target, List.of(
                new FailoverStep(FailoverStep.Kind.FENCE_STOP, other, "stop", Map.of(), false,
                        "stop → " + other.label() + ": pause its guest (fence)"),
                new FailoverStep(FailoverStep.Kind.LOST_HEARTBEAT, target, "x-colo-lost-heartbeat", Map.of(), false,
                        "x-colo-lost-heartbeat → " + target.label()),
                new FailoverStep(FailoverStep.Kind.VERIFY, target, "query-status", Map.of(), false,
                        "verify the " + target.label() + " runs alone")));
    }

    @Override
    public void clearAbandoned(Side target) {
        cleared.add(target);
    }

    @Override
    public Optional<String> refusal(Side target, boolean ack) {
        return refusal;
    }

    @Override
    public CompletableFuture<Outcome> run(Side target, boolean ack, Consumer<StepUpdate> progress) {
        runs.add(target.label() + (ack ? " (fenced acknowledged)" : ""));
        this.progress = progress;
        return outcome;
    }
}
