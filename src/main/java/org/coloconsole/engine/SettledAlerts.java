package org.coloconsole.engine;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.coloconsole.colo.Alert;
import org.coloconsole.colo.AlertSettle;
import org.coloconsole.colo.Recommendation;

/**
 * One pair's alerts on their way to its {@link AlertOutlet}: advice waits for {@link AlertSettle}'s settle time and
 * goes out only if the pair's advice still gives it then; an alert that never goes out is journaled with why. Raised
 * from any thread (the window raises on the FX thread, which this never blocks); the checks run on {@code timer}.
 */
public final class SettledAlerts {
    private final AlertSettle settle;
    private final AlertOutlet outlet;
    private final MonotonicClock clock;
    private final Supplier<Recommendation> advice;
    private final ScheduledExecutorService timer;

    /** @param advice the pair's advice now, asked when waiting advice settles */
    public SettledAlerts(AlertSettle settle, AlertOutlet outlet, MonotonicClock clock, Supplier<Recommendation> advice,
                         ScheduledExecutorService timer) {
        this.settle = Objects.requireNonNull(settle, "settle");
        this.outlet = Objects.requireNonNull(outlet, "outlet");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.advice = Objects.requireNonNull(advice, "advice");
        this.timer = Objects.requireNonNull(timer, "timer");
    }

    public void raise(Alert alert) {
        List<AlertSettle.Outcome> outcomes;
        synchronized (settle) {
            outcomes = settle.offer(alert, clock.nanos());
        }
        outcomes.forEach(this::dispatch);
        if (AlertSettle.settles(alert.kind())) {
            scheduleCheck();
        }
    }

    private void scheduleCheck() {
        OptionalLong due;
        synchronized (settle) {
            due = settle.dueAtNanos();
        }
        if (due.isEmpty()) {
            return;
        }
        try {
            timer.schedule(this::check, Math.max(0, due.getAsLong() - clock.nanos()), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closed) {
            // the session is closing: what waits is not sent, as the window that would have shown it is gone
        }
    }

    private void check() {
        Optional<AlertSettle.Outcome> outcome;
        synchronized (settle) {
            outcome = settle.due(advice.get(), clock.nanos());
        }
        if (outcome.isPresent()) {
            dispatch(outcome.get());
        } else {
            scheduleCheck(); // woken a little early, or newer advice waits: look again when it is due
        }
    }

    private void dispatch(AlertSettle.Outcome outcome) {
        if (outcome instanceof AlertSettle.Outcome.Send send) {
            outlet.raise(send.alert());
        } else if (outcome instanceof AlertSettle.Outcome.Superseded superseded) {
            outlet.withheld(superseded.alert(), "newer advice replaced it before it settled: "
                    + superseded.by().body());
        } else if (outcome instanceof AlertSettle.Outcome.Withdrawn withdrawn) {
            outlet.withheld(withdrawn.alert(), "the advice changed before it settled: " + withdrawn.now().headline());
        }
    }
}
