package org.coloconsole.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The heartbeat's timing on a manual clock: each step at an exact time, no sleeps, no real QEMU. */
class HeartbeatTimerTest {
    /** 250 ms pings, unresponsive after 3 misses, dropped after 6 s of silence. */
    private static final HeartbeatSettings SETTINGS = HeartbeatSettings.defaults();

    /** A clock that moves only when told. */
    private static final class ManualClock implements MonotonicClock {
        private long nanos = 1_000_000_000L;

        @Override
        public long nanos() {
            return nanos;
        }

        void advance(Duration d) {
            nanos += d.toNanos();
        }
    }

    private final ManualClock clock = new ManualClock();
    private final HeartbeatTimer timer = new HeartbeatTimer(SETTINGS, clock);

    @Test
    void nothingIsJudgedBeforeASessionIsUp() {
        clock.advance(Duration.ofSeconds(10));
        assertThat(timer.tick()).isEmpty();
    }

    @Test
    void aPingGoesOutEachIntervalAndItsRoundTripIsMeasuredOnTheClock() {
        timer.connected();
        HeartbeatTimer.Tick first = timer.tick().orElseThrow();
        assertThat(first.pingSentAt()).hasValue(clock.nanos());

        clock.advance(Duration.ofNanos(420_000));
        assertThat(timer.answered(first.pingSentAt().get(), true)).isEqualTo(Duration.ofNanos(420_000));

        clock.advance(Duration.ofMillis(100));
        assertThat(timer.tick().orElseThrow().pingSentAt()).as("not before the interval").isEmpty();
        clock.advance(Duration.ofMillis(150));
        assertThat(timer.tick().orElseThrow().pingSentAt()).as("one interval after the last ping").isPresent();
    }

    @Test
    void eachWholeIntervalOfSilenceIsOneMoreMissReportedOnce() {
        timer.connected();
        timer.tick(); // the ping that will go unanswered
        clock.advance(Duration.ofMillis(249));
        assertThat(timer.tick().orElseThrow().missesToReport()).isZero();
        clock.advance(Duration.ofMillis(1));
        assertThat(timer.tick().orElseThrow().missesToReport()).isEqualTo(1);
        assertThat(timer.tick().orElseThrow().missesToReport()).as("reported once").isZero();
        clock.advance(Duration.ofMillis(500));
        HeartbeatTimer.Tick third = timer.tick().orElseThrow();
        assertThat(third.missesToReport()).isEqualTo(3);
        assertThat(third.silence()).isEqualTo(Duration.ofMillis(750));
        assertThat(third.dropForSilence()).isFalse();
    }

    @Test
    void anAnswerEndsTheSilenceAndAFailedOneDoesNot() {
        timer.connected();
        long sent = timer.tick().orElseThrow().pingSentAt().orElseThrow();
        clock.advance(Duration.ofMillis(600));
        timer.answered(sent, false);
        clock.advance(Duration.ofMillis(10));
        HeartbeatTimer.Tick after = timer.tick().orElseThrow();
        assertThat(after.silence()).isEqualTo(Duration.ofMillis(610));

        clock.advance(Duration.ofMillis(5));
        timer.answered(after.pingSentAt().orElseThrow(), true);
        assertThat(timer.tick().orElseThrow().silence()).isZero();
    }

    @Test
    void pastTheSilenceLimitTheConnectionIsDroppedAndANewSessionStartsClean() {
        timer.connected();
        timer.tick();
        clock.advance(Duration.ofMillis(5999));
        assertThat(timer.tick().orElseThrow().dropForSilence()).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(timer.tick().orElseThrow().dropForSilence()).isTrue();

        timer.lost();
        assertThat(timer.tick()).isEqualTo(Optional.empty());
        timer.connected();
        HeartbeatTimer.Tick fresh = timer.tick().orElseThrow();
        assertThat(fresh.silence()).isZero();
        assertThat(fresh.missesToReport()).isZero();
    }
}
