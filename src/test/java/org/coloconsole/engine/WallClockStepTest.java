package org.coloconsole.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.coloconsole.colo.ColoExitReason;
import org.coloconsole.colo.ColoMode;
import org.coloconsole.colo.FailoverRequest;
import org.coloconsole.colo.InterlockDecision;
import org.coloconsole.colo.Observation;
import org.coloconsole.colo.PairSnapshot;
import org.coloconsole.colo.Replication;
import org.coloconsole.colo.Side;
import org.coloconsole.colo.SocketKind;
import org.coloconsole.colo.Tag;
import org.coloconsole.qmp.Endpoint;
import org.coloconsole.qmp.QmpEvent;
import org.coloconsole.qmp.QmpTimestamp;
import org.coloconsole.qmp.QmpValue;
import org.junit.jupiter.api.Test;

/**
 * The wall clock steps back one hour (NTP, {@code date -s}) while the monotonic clock moves on. Reproduced before: a
 * failover with the fence acknowledgement was refused for an hour ("the primary still checkpoints with it"), because
 * the checkpoint seen before the step looked newer than the secondary's silence seen after it. On the console's time
 * line the order and the ages are what really passed.
 */
class WallClockStepTest {
    private static final Instant START = Instant.parse("2026-12-02T13:00:00Z");

    /** A wall clock the test sets, as an operator's {@code date -s} would. */
    private static final class SteppedWall extends Clock {
        volatile Instant now = START;

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private final SteppedWall wall = new SteppedWall();
    private final AtomicLong nanos = new AtomicLong(5_000_000_000L);
    private final MonotonicTimeline timeline = new MonotonicTimeline(wall, nanos::get);

    private void elapse(Duration d) {
        nanos.addAndGet(d.toNanos());
        wall.now = wall.now.plus(d);
    }

    @Test
    void aFencedFailoverIsNotRefusedAndAgesStayRightAfterTheWallClockStepsBackAnHour() throws Exception {
        try (PairSupervisor supervisor = new PairSupervisor(PairConfig.of(new Endpoint.Tcp("127.0.0.1", 1),
                new Endpoint.Tcp("127.0.0.1", 2)), new MemoryAuditTrail(), timeline)) {
            ObservationSource primaryEvents = new ObservationSource(Side.PRIMARY, SocketKind.TCP, timeline,
                    supervisor::submit, (event, o) -> supervisor.submit(o));
            ObservationSource secondaryLink = new ObservationSource(Side.SECONDARY, SocketKind.TCP, timeline,
                    supervisor::submit, (event, o) -> supervisor.submit(o));
            for (Side side : Side.values()) {
                Instant at = timeline.instant();
                supervisor.submit(new Observation.Connected(side, at, "7.2.22", false));
                supervisor.submit(new Observation.StatusPolled(side, at, true, "running"));
                supervisor.submit(new Observation.ColoStatusPolled(side, at, Tag.of(ColoMode.class, side.label()),
                        Optional.of(Tag.of(ColoMode.class, "none")), Tag.of(ColoExitReason.class, "none")));
                supervisor.submit(new Observation.MigratePolled(side, at, "colo"));
                supervisor.submit(new Observation.CheckpointDelayPolled(side, at, Duration.ofSeconds(2)));
                supervisor.submit(new Observation.Resynced(side, at));
                supervisor.submit(new Observation.PingOk(side, at, Duration.ofNanos(200_000)));
            }
            // the last checkpoint the primary reports, read from its monitor as events (STOP, RESUME) a second in
            elapse(Duration.ofSeconds(1));
            primaryEvents.event(event("STOP"));
            primaryEvents.event(event("RESUME"));

            wall.now = wall.now.minus(Duration.ofHours(1));
            elapse(Duration.ofMillis(500));
            // the secondary's host goes away: connecting times out; replication broke, so the primary exits COLO
            secondaryLink.connectFailed(org.coloconsole.qmp.QmpConnectException.Reason.CONNECT_TIMEOUT, "timed out",
                    timeline.instant());
            primaryEvents.event(event("COLO_EXIT", "{\"mode\":\"primary\",\"reason\":\"error\"}"));
            elapse(Duration.ofSeconds(10));

            PairSnapshot settled = supervisor.settled().get(10, TimeUnit.SECONDS);
            Replication replication = Replication.of(settled.state(), timeline.instant());
            assertThat(replication.lastCheckpoint().map(last -> Duration.between(last, timeline.instant())))
                    .as("the last checkpoint's age: what passed, not what the wall clock says")
                    .contains(Duration.ofMillis(10_500));
            assertThat(Duration.between(settled.state().secondary().heartbeat().since(), timeline.instant()))
                    .as("\"unreachable for\"").isEqualTo(Duration.ofSeconds(10));

            InterlockDecision withoutAck = supervisor.beginFailover(new FailoverRequest(Side.PRIMARY, false))
                    .get(10, TimeUnit.SECONDS);
            assertThat(withoutAck.allowed()).as(withoutAck.sentence()).isFalse();
            assertThat(withoutAck.sentence()).as("asks for the fence, nothing else").contains("confirm that it is fenced");
            InterlockDecision withAck = supervisor.beginFailover(new FailoverRequest(Side.PRIMARY, true))
                    .get(10, TimeUnit.SECONDS);
            assertThat(withAck.allowed()).as(withAck.sentence()).isTrue();
        }
    }

    private QmpEvent event(String name) {
        return event(name, "{}");
    }

    /** An event line as the reader stamps it: the wall clock beside the monotonic reading. */
    private QmpEvent event(String name, String data) {
        String raw = "{\"event\":\"" + name + "\",\"data\":" + data + ",\"timestamp\":{\"seconds\":1,\"microseconds\":2}}";
        return new QmpEvent(name, QmpValue.parse(data), new QmpTimestamp(1, 2), wall.instant(), nanos.get(), raw);
    }
}
