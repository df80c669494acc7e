package org.coloconsole.colo;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The one rule for how often an alert goes beyond the window (a desktop notification, the profile's alert command):
 * at most one per kind and side within {@link #gap}. A side that flaps between lost and back raises an alert at every
 * flap; without this each would start a process. What is held back is counted and said in the next alert of the same
 * kind and side, so nothing is lost (the window's log keeps every row). Times are monotonic nanoseconds, passed in.
 */
public final class AlertThrottle {
    /** The default gap: a flapping side is heard about once a minute, a new kind of alert at once. */
    public static final Duration DEFAULT_GAP = Duration.ofSeconds(60);

    private record Key(Alert.Kind kind, Optional<Side> side) {
    }

    private record Sent(long atNanos, int heldSince) {
    }

    private final long gapNanos;
    private final Map<Key, Sent> sent = new HashMap<>();

    public AlertThrottle(Duration gap) {
        if (gap.isNegative()) {
            throw new IllegalArgumentException("the gap between alerts cannot be negative: " + gap);
        }
        this.gapNanos = gap.toNanos();
    }

    /** What to do with one alert. */
    public sealed interface Decision {
        /** Deliver {@code alert} (its body says how many like it were held back since the last one). */
        record Deliver(Alert alert) implements Decision {
        }

        /** Hold it back: one like it went out {@code sinceLastNanos} ago. */
        record Hold(Alert alert, long sinceLastNanos) implements Decision {
        }
    }

    /** Decides for {@code alert} raised at monotonic time {@code nowNanos}, and remembers the decision. */
    public synchronized Decision admit(Alert alert, long nowNanos) {
        Objects.requireNonNull(alert, "alert");
        Key key = new Key(alert.kind(), alert.side());
        Sent last = sent.get(key);
        if (last != null && nowNanos - last.atNanos() < gapNanos) {
            sent.put(key, new Sent(last.atNanos(), last.heldSince() + 1));
            return new Decision.Hold(alert, nowNanos - last.atNanos());
        }
        sent.put(key, new Sent(nowNanos, 0));
        if (last == null || last.heldSince() == 0) {
            return new Decision.Deliver(alert);
        }
        int held = last.heldSince();
        return new Decision.Deliver(new Alert(alert.kind(), alert.side(), alert.title(), alert.body() + " ("
                + held + (held == 1 ? " alert like it was" : " alerts like it were") + " held back since the last one.)",
                alert.at()));
    }
}
