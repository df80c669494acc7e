package org.coloconsole.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.coloconsole.colo.FailoverPlan;
import org.coloconsole.colo.FailoverRequest;
import org.coloconsole.colo.Side;
import org.coloconsole.engine.FailoverOutcome;
import org.coloconsole.engine.FailoverRunner;
import org.coloconsole.engine.JournalAuditTrail;
import org.coloconsole.engine.PairConfig;
import org.coloconsole.engine.PairSupervisor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runbook's verification asks the other side's QEMU whether its guest runs, instead of trusting the console's
 * view of it. The primary here answers {@code stop} (and sends STOP) but its guest goes on running, as a checkpoint
 * racing the stop leaves it on a real pair: the console's state says "stopped and fenced", QEMU says "running".
 * The whole supervisor and runner, no window: {@link ColoPeer} lives with the window tests.
 */
class VerificationRereadsTheOtherSideTest {
    @TempDir
    Path dir;

    private final AtomicLong order = new AtomicLong();
    private ColoPeer primary;
    private ColoPeer secondary;

    @BeforeEach
    void peers() throws Exception {
        primary = ColoPeer.primary(order);
        secondary = ColoPeer.secondary(order);
        secondary.takesOverOnLostHeartbeat();
    }

    @AfterEach
    void close() {
        primary.close();
        secondary.close();
    }

    @Test
    void aFencedSideWhoseGuestStillRunsFailsTheVerification() throws Exception {
        // the stop is answered and STOP is sent, but query-status goes on saying running
        primary.on("stop", (peer, connection) -> peer.event("STOP", null));
        FailoverOutcome outcome = failOverToTheSecondary();
        assertThat(outcome.result()).as(outcome.sentence()).isEqualTo(FailoverOutcome.Result.FAILED);
        assertThat(outcome.sentence()).contains("The primary's guest still runs beside the secondary");
    }

    @Test
    void aFencedSideThatReallyStoppedIsVerified() throws Exception {
        primary.on("stop", (peer, connection) -> {
            peer.answer("query-status", ColoPeer.PAUSED);
            peer.event("STOP", null);
        });
        FailoverOutcome outcome = failOverToTheSecondary();
        assertThat(outcome.result()).as(outcome.sentence()).isEqualTo(FailoverOutcome.Result.VERIFIED);
        assertThat(primary.commands()).contains("query-status");
    }

    @Test
    void aFencedSideThatACheckpointStartsAgainIsStoppedAgainBeforeTheFailoverCounts() throws Exception {
        // as on the real pair (LabFaultCampaignTest, seed 7): the stopped side is started again by a checkpoint that
        // was in flight when the survivor left COLO, after the runbook had stopped it twice; then it leaves COLO
        primary.on("stop", (peer, connection) -> {
            peer.answer("query-status", ColoPeer.PAUSED);
            peer.event("STOP", null);
        });
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            secondary.on("x-colo-lost-heartbeat", (peer, connection) -> {
                peer.answer("query-colo-status",
                                "{\"last-mode\": \"secondary\", \"mode\": \"none\", \"reason\": \"request\"}")
                        .answer("query-status", ColoPeer.RUNNING);
                peer.event("COLO_EXIT", "{\"mode\": \"secondary\", \"reason\": \"request\"}");
                peer.event("RESUME", null);
                timer.schedule(() -> {
                    primary.answer("query-status", ColoPeer.RUNNING);
                    primary.event("RESUME", null);
                }, 150, TimeUnit.MILLISECONDS);
                timer.schedule(() -> {
                    primary.answer("query-colo-status",
                            "{\"last-mode\": \"primary\", \"mode\": \"none\", \"reason\": \"error\"}");
                    primary.event("COLO_EXIT", "{\"mode\": \"primary\", \"reason\": \"error\"}");
                }, 700, TimeUnit.MILLISECONDS);
            });
            FailoverOutcome outcome = failOverToTheSecondary(Duration.ofSeconds(5));
            assertThat(outcome.result()).as(outcome.sentence()).isEqualTo(FailoverOutcome.Result.VERIFIED);
            assertThat(outcome.steps().get(outcome.steps().size() - 1).sentence())
                    .contains("the primary ran again and was stopped again");
            assertThat(primary.commands().stream().filter("stop"::equals)).as("fence, re-fence, and once more")
                    .hasSizeGreaterThanOrEqualTo(3);
        } finally {
            timer.shutdownNow();
        }
    }

    private FailoverOutcome failOverToTheSecondary() throws Exception {
        return failOverToTheSecondary(Duration.ofSeconds(1));
    }

    private FailoverOutcome failOverToTheSecondary(Duration verifyTimeout) throws Exception {
        try (PairSupervisor supervisor = new PairSupervisor(PairConfig.of(primary.endpoint(), secondary.endpoint()),
                JournalAuditTrail.open(dir.resolve("journal")), Clock.systemUTC());
             FailoverRunner runner = new FailoverRunner(supervisor, Duration.ofSeconds(2), verifyTimeout,
                     org.coloconsole.testing.TestClaims.thisProcess())) {
            supervisor.start();
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    ColoPeer.bothInColo(supervisor.snapshot().state()));
            return runner.run(new FailoverRequest(Side.SECONDARY, true), FailoverPlan.Options.defaults(), r -> { })
                    .get(20, TimeUnit.SECONDS);
        }
    }
}
