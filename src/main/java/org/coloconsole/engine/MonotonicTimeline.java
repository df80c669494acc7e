package org.coloconsole.engine;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The console's time line: the wall clock read once, at start, then advanced only by the monotonic clock. Every
 * instant the domain compares (checkpoint age, silence, "lost N s ago", the interlock's "still checkpoints") comes from
 * here, so a wall clock stepped back or forward (NTP, an operator's {@code date -s}) changes no duration the console
 * judges. The instants still read as wall time for labels: the wall time of start plus the time since.
 *
 * <p>A {@link Clock}, so that everything that stamps an observation takes it where it took the system clock; built once
 * in the composition root and shared, so that all of a process's stamps are on one line.
 */
public final class MonotonicTimeline extends Clock {
    private final Instant anchorWall;
    private final long anchorNanos;
    private final MonotonicClock monotonic;

    public MonotonicTimeline(Clock wall, MonotonicClock monotonic) {
        this.monotonic = monotonic;
        this.anchorNanos = monotonic.nanos();
        this.anchorWall = wall.instant();
    }

    /**
     * {@code clock} itself when it is a time line already; else one anchored on it now and advanced by
     * {@link System#nanoTime()}, so that a caller handing in the system clock still gets durations that cannot step.
     */
    public static MonotonicTimeline of(Clock clock) {
        return clock instanceof MonotonicTimeline timeline ? timeline
                : new MonotonicTimeline(clock, MonotonicClock.system());
    }

    /** Anchored on the system's wall clock now, advanced by {@link System#nanoTime()}. */
    public static MonotonicTimeline system() {
        return new MonotonicTimeline(Clock.systemUTC(), MonotonicClock.system());
    }

    @Override
    public Instant instant() {
        return at(monotonic.nanos());
    }

    /** The time line's instant for a reading of the same monotonic clock (e.g. when an event's line was read). */
    public Instant at(long monotonicNanos) {
        return anchorWall.plusNanos(monotonicNanos - anchorNanos);
    }

    public MonotonicClock monotonic() {
        return monotonic;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        // the zone only matters to labels, which format with their own zone
        return this;
    }
}
