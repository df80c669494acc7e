package org.coloconsole.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.coloconsole.colo.ColoExitReason;
import org.coloconsole.colo.ColoMode;
import org.coloconsole.colo.FailoverProgress;
import org.coloconsole.colo.FailoverRequest;
import org.coloconsole.colo.Observation;
import org.coloconsole.colo.Side;
import org.coloconsole.colo.Tag;
import org.coloconsole.qmp.Endpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A failover start the runner stopped waiting for (the state thread was stuck) never applies later: the pair does
 * not stay "failover running" with nobody to run or end it.
 */
class FailoverStartTest {
    private final Clock clock = Clock.systemUTC();
    private final PairSupervisor supervisor = new PairSupervisor(PairConfig.of(
            Endpoint.parse("unix:/nonexistent/p.sock"), Endpoint.parse("unix:/nonexistent/s.sock")),
            new MemoryAuditTrail(), clock);
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void close() {
        release.countDown();
        supervisor.close();
    }

    @Test
    void aStartTheRunnerGaveUpOnIsNeverMarkedLater() throws Exception {
        bothSidesInColo();
        assertThat(supervisor.settled().get(5, TimeUnit.SECONDS).state().failover().phase())
                .isEqualTo(FailoverProgress.Phase.NONE);
        stickTheStateThread();

        FailoverStart.Result result = FailoverStart.begin(supervisor, new FailoverRequest(Side.SECONDARY, false),
                Duration.ofMillis(200));

        assertThat(result).isInstanceOfSatisfying(FailoverStart.NotStarted.class,
                n -> assertThat(n.sentence()).contains("nothing was started or sent"));
        release.countDown();
        assertThat(supervisor.settled().get(5, TimeUnit.SECONDS).state().failover().phase())
                .as("the queued start was not applied after the runner gave up")
                .isEqualTo(FailoverProgress.Phase.NONE);
    }

    @Test
    void aStartThatIsAnsweredInTimeIsMarked() throws Exception {
        bothSidesInColo();

        FailoverStart.Result result = FailoverStart.begin(supervisor, new FailoverRequest(Side.SECONDARY, false),
                Duration.ofSeconds(5));

        assertThat(result).isInstanceOfSatisfying(FailoverStart.Decided.class,
                d -> assertThat(d.decision().allowed()).as(d.decision().sentence()).isTrue());
        assertThat(supervisor.settled().get(5, TimeUnit.SECONDS).state().failover().phase())
                .isEqualTo(FailoverProgress.Phase.RUNNING);
    }

    /** The state thread runs log listeners: one that waits holds it, as a stuck thread would. */
    private void stickTheStateThread() throws InterruptedException {
        CountDownLatch stuck = new CountDownLatch(1);
        supervisor.onLog(entry -> {
            stuck.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        supervisor.note(null, "TEST", "hold the state thread", LogEntry.Severity.INFO);
        assertThat(stuck.await(5, TimeUnit.SECONDS)).isTrue();
    }

    private void bothSidesInColo() {
        for (Side side : Side.values()) {
            var now = clock.instant();
            supervisor.submit(new Observation.Connected(side, now, "7.2.22", false));
            supervisor.submit(new Observation.StatusPolled(side, now, true, "running"));
            supervisor.submit(new Observation.ColoStatusPolled(side, now, Tag.of(ColoMode.class, side.label()),
                    Optional.of(Tag.of(ColoMode.class, "none")), Tag.of(ColoExitReason.class, "none")));
            supervisor.submit(new Observation.MigratePolled(side, now, "colo"));
            supervisor.submit(new Observation.CheckpointDelayPolled(side, now, Duration.ofSeconds(2)));
            supervisor.submit(new Observation.Resynced(side, now));
            supervisor.submit(new Observation.PingOk(side, now, Duration.ofNanos(180_000)));
        }
    }
}
