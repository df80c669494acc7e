package org.coloconsole.engine;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.coloconsole.colo.FenceAction;
import org.coloconsole.colo.FenceOutcome;
import org.coloconsole.colo.Side;

/**
 * A pair's fence actions and the runner that runs them: the one way both the manual runbook ({@link FailoverRunner})
 * and the automatic failover ({@link AutoFailover}) power a side off, so both journal it the same way (the fence's
 * intent and outcome, and the log's FENCE rows). Whether a fence runs is {@link org.coloconsole.colo.FenceRule}'s
 * to say. Blocks its caller for as long as the agent runs (at most its timeout).
 */
public final class Fencing {
    private final Optional<FenceRunner> runner;
    private final Map<Side, FenceSpec> specs;

    /** @param specs each side's fence action; a side without one is never fenced */
    public Fencing(FenceRunner runner, Map<Side, FenceSpec> specs) {
        this.runner = Optional.of(runner);
        this.specs = specs.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(specs));
    }

    private Fencing() {
        this.runner = Optional.empty();
        this.specs = Map.of();
    }

    /** No fence action for either side. */
    public static Fencing none() {
        return new Fencing();
    }

    /** The sides that have a fence action. */
    public Set<Side> fenceable() {
        return specs.keySet();
    }

    /**
     * Powers {@code side} off with its fence action ({@code action=off}), with the log's FENCE rows around it.
     *
     * @return empty when {@code side} has no fence action (nothing ran)
     */
    public Optional<FenceRunner.Run> off(PairSupervisor supervisor, Side side) throws InterruptedException {
        FenceSpec spec = specs.get(side);
        if (spec == null || runner.isEmpty()) {
            return Optional.empty();
        }
        supervisor.note(side, "FENCE", "Fencing the " + side.label() + ": " + String.join(" ", spec.command())
                + " action=off", LogEntry.Severity.WARNING);
        FenceRunner.Run run = runner.get().run(side, spec, FenceAction.OFF);
        supervisor.note(side, "FENCE", run.outcome().sentence(),
                run.outcome().result() == FenceOutcome.Result.SUCCEEDED ? LogEntry.Severity.WARNING
                        : LogEntry.Severity.CRITICAL);
        return Optional.of(run);
    }
}
