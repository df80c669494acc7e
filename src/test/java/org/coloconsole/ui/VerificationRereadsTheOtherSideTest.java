package org.coloconsole.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.coloconsole.app.FailoverOutcome;
import org.coloconsole.app.FailoverRunner;
import org.coloconsole.app.PairConfig;
import org.coloconsole.app.PairSupervisor;
import org.coloconsole.app.JournalAuditTrail;
import org.coloconsole.colo.FailoverPlan;
import org.coloconsole.colo.FailoverRequest;
import org.coloconsole.colo.Recommendation;
import org.coloconsole.colo.Side;
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

    private FailoverOutcome failOverToTheSecondary() throws Exception {
        try (PairSupervisor supervisor = new PairSupervisor(PairConfig.of(primary.endpoint(), secondary.endpoint()),
                JournalAuditTrail.open(dir.resolve("journal")), Clock.systemUTC());
             FailoverRunner runner = new FailoverRunner(supervisor, Duration.ofSeconds(2), Duration.ofSeconds(1))) {
            supervisor.start();
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    supervisor.snapshot().recommendation().kind() == Recommendation.Kind.PROTECTED);
            return runner.run(new FailoverRequest(Side.SECONDARY, true), FailoverPlan.Options.defaults(), r -> { })
                    .get(20, TimeUnit.SECONDS);
        }
    }
}
