package org.coloconsole.colo;

import java.time.Duration;

/**
 * How ping results become a {@link HeartbeatStatus}.
 *
 * @param misses        consecutive missed intervals that make a connected side UNRESPONSIVE (default 3)
 * @param slowThreshold a round trip above this is SLOW (default 100 ms: QEMU answers in well under 1 ms)
 * @param history       round trips kept for the sparkline (default 240: one minute at 250 ms)
 */
public record HeartbeatPolicy(int misses, Duration slowThreshold, int history) {

    public HeartbeatPolicy {
        if (misses < 1) {
            throw new IllegalArgumentException("misses must be at least 1");
        }
        if (history < 1) {
            throw new IllegalArgumentException("history must be at least 1");
        }
    }

    public static HeartbeatPolicy defaults() {
        return new HeartbeatPolicy(3, Duration.ofMillis(100), 240);
    }
}
