package org.coloconsole.engine;

/**
 * A monotonic time source in nanoseconds, for measuring intervals (round trips, silence): unlike a wall
 * {@link java.time.Clock} it never jumps. Injected so the heartbeat can be tested step by step.
 */
@FunctionalInterface
public interface MonotonicClock {

    long nanos();

    static MonotonicClock system() {
        return System::nanoTime;
    }
}
