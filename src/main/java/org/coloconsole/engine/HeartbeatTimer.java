package org.coloconsole.engine;

import java.time.Duration;
import java.util.Optional;

/**
 * When to ping a side and what its silence means: the heartbeat's arithmetic on a monotonic clock, apart from the
 * connection, so it can be tested step by step. Thread-safe: ticks, replies and connection changes come from
 * different threads.
 */
final class HeartbeatTimer {

    /**
     * What one tick decided.
     *
     * @param pingSentAt     when a ping is due, the clock's time to measure its round trip from
     * @param missesToReport whole intervals of silence with a ping outstanding, when more than reported so far; or 0
     * @param dropForSilence the connection has been silent past {@link HeartbeatSettings#reconnectAfterSilence()}
     */
    record Tick(Optional<Long> pingSentAt, int missesToReport, Duration silence, boolean dropForSilence) {
    }

    private final HeartbeatSettings settings;
    private final MonotonicClock clock;
    private long lastReplyNanos;
    private long pingSentNanos;
    private boolean pingOutstanding;
    private int reportedMisses;
    /**
     * Set when a session's Connected has reset the silence clock: the client is RUNNING a moment before that, and a
     * tick in between would judge the new session by the old one's silence and drop it.
     */
    private boolean sessionUp;

    HeartbeatTimer(HeartbeatSettings settings, MonotonicClock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** A new session greeted: its silence counts from now. */
    synchronized void connected() {
        lastReplyNanos = clock.nanos();
        pingOutstanding = false;
        reportedMisses = 0;
        sessionUp = true;
    }

    synchronized void lost() {
        sessionUp = false;
    }

    /** Empty until a session is up. */
    synchronized Optional<Tick> tick() {
        if (!sessionUp) {
            return Optional.empty();
        }
        long now = clock.nanos();
        long interval = settings.interval().toNanos();
        long silence = now - lastReplyNanos;
        int missesToReport = 0;
        Optional<Long> ping = Optional.empty();
        if (pingOutstanding) {
            int misses = (int) (silence / interval);
            if (misses > reportedMisses) {
                reportedMisses = misses;
                missesToReport = misses;
            }
        } else if (now - pingSentNanos >= interval) {
            pingOutstanding = true;
            pingSentNanos = now;
            ping = Optional.of(now);
        }
        return Optional.of(new Tick(ping, missesToReport, Duration.ofNanos(silence),
                silence >= settings.reconnectAfterSilence().toNanos()));
    }

    /**
     * The ping sent at {@code sentAt} came back (or failed: then the silence goes on).
     *
     * @return its round trip
     */
    synchronized Duration answered(long sentAt, boolean ok) {
        long answered = clock.nanos();
        pingOutstanding = false;
        if (ok) {
            lastReplyNanos = answered;
            reportedMisses = 0;
        }
        return Duration.ofNanos(answered - sentAt);
    }

    long now() {
        return clock.nanos();
    }
}
