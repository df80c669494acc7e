package org.coloconsole.colo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The one rule for when advice is told beyond the window: an alert about the advice (act, cannot tell) goes out only
 * once that advice has held for the settle time; split brain and a lost side go at once. When the primary is killed,
 * the secondary's COLO_EXIT can be read a moment before the primary's socket is seen closed, and for that moment the
 * advice is "continue on the primary"; without the wait an operator's phone showed that, then "promote the secondary".
 * The window's banner and log still show every change as it happens. Times are monotonic nanoseconds, passed in; one
 * caller at a time.
 */
public final class AlertSettle {
    /** Long enough for both sides' view of one fault to arrive, short beside the time a human takes to look. */
    public static final Duration DEFAULT = Duration.ofSeconds(1);

    /** What becomes of an alert. */
    public sealed interface Outcome {
        Alert alert();

        /** Send it on now. */
        record Send(Alert alert) implements Outcome {
        }

        /** Not sent: newer advice, {@code by}, replaced it before it settled. */
        record Superseded(Alert alert, Alert by) implements Outcome {
        }

        /** Not sent: when it would have settled, the advice was another ({@code now}). */
        record Withdrawn(Alert alert, Recommendation now) implements Outcome {
        }
    }

    private record Pending(Alert alert, long dueNanos) {
    }

    private final long settleNanos;
    private Pending pending;

    public AlertSettle(Duration settle) {
        if (settle.isNegative()) {
            throw new IllegalArgumentException("the settle time of alerts cannot be negative: " + settle);
        }
        this.settleNanos = settle.toNanos();
    }

    /** Whether alerts of {@code kind} wait for the advice to settle: those about the advice, which can flicker. */
    public static boolean settles(Alert.Kind kind) {
        return kind == Alert.Kind.ACT || kind == Alert.Kind.CANNOT_TELL;
    }

    /**
     * Takes {@code alert}, raised at {@code nowNanos}: one that does not settle is sent at once; advice waits, and
     * replaces the advice that waited before it (returned as superseded).
     */
    public List<Outcome> offer(Alert alert, long nowNanos) {
        Objects.requireNonNull(alert, "alert");
        if (!settles(alert.kind())) {
            return List.of(new Outcome.Send(alert));
        }
        List<Outcome> outcomes = new ArrayList<>(2);
        if (pending != null) {
            outcomes.add(new Outcome.Superseded(pending.alert(), alert));
        }
        pending = new Pending(alert, nowNanos + settleNanos);
        return outcomes;
    }

    /** When the waiting advice settles, if any waits. */
    public OptionalLong dueAtNanos() {
        return pending == null ? OptionalLong.empty() : OptionalLong.of(pending.dueNanos());
    }

    /**
     * The waiting advice, once its time has come: sent if {@code current} still gives the same alert (kind and
     * side), withdrawn otherwise. Empty while nothing waits or it has not settled yet.
     */
    public Optional<Outcome> due(Recommendation current, long nowNanos) {
        if (pending == null || nowNanos - pending.dueNanos() < 0) {
            return Optional.empty();
        }
        Alert alert = pending.alert();
        pending = null;
        boolean holds = Alert.adviceKind(current).equals(Optional.of(alert.kind()))
                && current.target().equals(alert.side());
        return Optional.of(holds ? new Outcome.Send(alert) : new Outcome.Withdrawn(alert, current));
    }
}
