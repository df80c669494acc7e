package org.coloconsole.engine;

import java.time.Duration;

/**
 * The console's own liveness check of one QEMU (QEMU has none).
 *
 * @param interval    how often to ping ({@code query-status}); default 250 ms
 * @param misses      intervals without a reply, while a ping is outstanding, that make a side UNRESPONSIVE; default 3
 * @param pingTimeout how long one ping may stay outstanding before it is abandoned and re-sent
 */
public record HeartbeatSettings(Duration interval, int misses, Duration pingTimeout) {

    public HeartbeatSettings {
        if (interval.toMillis() < 10) {
            throw new IllegalArgumentException("the heartbeat interval must be at least 10 ms, not " + interval.toMillis() + " ms");
        }
        if (misses < 1) {
            throw new IllegalArgumentException("misses must be at least 1, not " + misses);
        }
        if (pingTimeout.compareTo(interval) < 0) {
            throw new IllegalArgumentException("the ping timeout must not be shorter than the interval");
        }
    }

    public static HeartbeatSettings defaults() {
        return new HeartbeatSettings(Duration.ofMillis(250), 3, Duration.ofSeconds(3));
    }

    /** The silence after which a side counts as UNRESPONSIVE. */
    public Duration unresponsiveAfter() {
        return interval.multipliedBy(misses);
    }

    /**
     * The silence after which the console drops the connection and connects again. An open socket that stays silent
     * cannot tell a hung QEMU from a network partition (a partition sends no reset, and TCP gives up only after about
     * fifteen minutes); a new connection can: refused (the process is gone), timing out (the host is unreachable), or
     * accepted without a greeting (QEMU hangs). Two whole ping timeouts, and never before the side is unresponsive.
     */
    public Duration reconnectAfterSilence() {
        Duration twoPings = pingTimeout.multipliedBy(2);
        Duration unresponsive = unresponsiveAfter().multipliedBy(2);
        return twoPings.compareTo(unresponsive) >= 0 ? twoPings : unresponsive;
    }
}
