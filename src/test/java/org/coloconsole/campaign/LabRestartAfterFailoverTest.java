package org.coloconsole.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.coloconsole.testing.LabTiming;
import org.coloconsole.app.lab.LabOptions;
import org.coloconsole.app.lab.LabPair;
import org.coloconsole.app.lab.LabSide;
import org.coloconsole.app.lab.LabSignal;
import org.coloconsole.colo.FailoverPlan;
import org.coloconsole.colo.FailoverRequest;
import org.coloconsole.colo.HeartbeatStatus;
import org.coloconsole.colo.Recommendation;
import org.coloconsole.colo.Side;
import org.coloconsole.colo.SideState;
import org.coloconsole.engine.FailoverOutcome;
import org.coloconsole.engine.FailoverRunner;
import org.coloconsole.engine.HeartbeatSettings;
import org.coloconsole.engine.PairConfig;
import org.coloconsole.engine.PairSupervisor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Found by the lab campaign's restart fault: after a verified failover to the primary, the primary's QEMU is
 * restarted (a fresh process, paused at {@code -S}, out of COLO, no guest running). The console must not go on
 * telling the operator that the primary runs the VM.
 */
class LabRestartAfterFailoverTest {
    @TempDir
    Path tmp;

    @Test
    void theSurvivorRestartedIsNotStillSaidToRunTheVm() throws Exception {
        AtomicLong sequence = new AtomicLong();
        try (LabPair lab = LabPair.start(LabOptions.defaults().withRunDir(tmp.resolve("lab"))
                .withCheckpointDelay(LabTiming.checkpointDelay(Duration.ofMillis(200))));
             PairSupervisor supervisor = new PairSupervisor(PairConfig.of(lab.primaryConsoleEndpoint(),
                     lab.secondaryConsoleEndpoint()).withHeartbeat(new HeartbeatSettings(Duration.ofMillis(50), 3,
                     Duration.ofSeconds(1))), new CampaignTrail(sequence::incrementAndGet), Clock.systemUTC());
             FailoverRunner runner = new FailoverRunner(supervisor, Duration.ofSeconds(3), Duration.ofSeconds(3),
                     org.coloconsole.testing.TestClaims.thisProcess())) {
            supervisor.start();
            await().atMost(Duration.ofSeconds(15)).until(() ->
                    supervisor.snapshot().recommendation().kind() == Recommendation.Kind.PROTECTED);
            // the secondary's host died: the primary carries on without fencing anything
            lab.kill(LabSide.SECONDARY, LabSignal.KILL);
            await().atMost(Duration.ofSeconds(5)).until(() ->
                    supervisor.snapshot().state().secondary().heartbeat().status() == HeartbeatStatus.LOST);
            FailoverOutcome outcome = runner.run(new FailoverRequest(Side.PRIMARY, false),
                    FailoverPlan.Options.defaults(), r -> { }).get(30, TimeUnit.SECONDS);
            assertThat(outcome.result()).as(outcome.sentence()).isEqualTo(FailoverOutcome.Result.VERIFIED);

            Instant restartedAt = Instant.now();
            lab.restart(LabSide.PRIMARY);
            await("the console re-read the new primary").atMost(Duration.ofSeconds(10)).until(() -> {
                SideState p = supervisor.snapshot().state().primary();
                return p.answering() && p.synced()
                        && p.gap().map(g -> g.resynced() && !g.until().isBefore(restartedAt)).orElse(false);
            });
            SideState primary = supervisor.settled().get(5, TimeUnit.SECONDS).state().primary();
            assertThat(primary.guestRuns()).as("the new primary waits paused").isFalse();
            assertThat(primary.tookOver()).isFalse();
            Recommendation advice = supervisor.settled().get(5, TimeUnit.SECONDS).recommendation();
            System.out.println("after restarting the survivor: " + advice.kind() + ": " + advice.headline());
            assertThat(advice.headline()).as("advice about a primary whose guest does not run")
                    .doesNotContain("runs the VM");
        }
    }
}
