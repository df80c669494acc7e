package org.coloconsole.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.coloconsole.app.lab.LabFence;
import org.coloconsole.app.lab.LabOptions;
import org.coloconsole.app.lab.LabPair;
import org.coloconsole.app.lab.LabSide;
import org.coloconsole.app.lab.LabSignal;
import org.coloconsole.colo.AutoFailoverDecision;
import org.coloconsole.colo.AutoFailoverSettings;
import org.coloconsole.colo.FenceAction;
import org.coloconsole.colo.FenceOutcome;
import org.coloconsole.colo.HeartbeatStatus;
import org.coloconsole.colo.Recommendation;
import org.coloconsole.colo.Side;
import org.coloconsole.qmp.QmpClient;
import org.coloconsole.qmp.QmpClientOptions;
import org.coloconsole.qmp.QmpValue;
import org.coloconsole.testing.LabTiming;
import org.coloconsole.testing.TestClaims;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The automatic failover on a real minimal lab pair, one fresh pair per test: a killed primary is replaced on its own,
 * a frozen one is not without a fence, and is with the lab's fence; the operator's cancel wins.
 */
class AutoFailoverLabTest {
    private static final Duration WAIT = LabTiming.bound(Duration.ofSeconds(15));

    @TempDir
    Path tmp;

    private LabPair lab;
    private MemoryAuditTrail trail;
    private PairSupervisor supervisor;
    private FailoverRunner runner;
    private AutoFailover auto;
    private final List<AutoFailoverRun> runs = new CopyOnWriteArrayList<>();
    private final List<AutoFailoverDecision> decisions = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startPair() throws Exception {
        lab = LabPair.start(LabOptions.defaults().withRunDir(Files.createDirectory(tmp.resolve("lab"))));
        trail = new MemoryAuditTrail();
        PairConfig config = PairConfig.of(lab.primaryConsoleEndpoint(), lab.secondaryConsoleEndpoint());
        supervisor = new PairSupervisor(config, trail, Clock.systemUTC());
        supervisor.start();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).untilAsserted(() ->
                assertThat(supervisor.snapshot().recommendation().kind()).isEqualTo(Recommendation.Kind.PROTECTED));
    }

    private void policy(Duration grace, boolean labFence) {
        policy(grace, labFence ? Map.of(Side.PRIMARY, LabFence.spec(lab.runDir(), LabSide.PRIMARY,
                LabTiming.bound(Duration.ofSeconds(10)))) : Map.of());
    }

    private void policy(Duration grace, Map<Side, FenceSpec> fences) {
        runner = new FailoverRunner(supervisor, TestClaims.thisProcess(),
                new Fencing(new FenceRunner(trail, Clock.systemUTC(), MonotonicClock.system()), fences));
        auto = new AutoFailover(supervisor, runner, true, grace, MonotonicClock.system());
        auto.onRun(runs::add);
        auto.onDecision(decisions::add);
        auto.start();
    }

    @AfterEach
    void stopPair() {
        if (auto != null) {
            auto.close();
        }
        if (runner != null) {
            runner.close();
        }
        supervisor.close();
        if (lab.isRunning(LabSide.PRIMARY)) {
            lab.kill(LabSide.PRIMARY, LabSignal.CONT);
        }
        lab.close();
    }

    private QmpValue harness(LabSide side, String command) throws Exception {
        try (QmpClient client = new QmpClient(QmpClientOptions.defaults("harness"))) {
            client.connect(lab.harnessEndpoint(side));
            return client.execute(command).get(5, TimeUnit.SECONDS);
        }
    }

    private List<MemoryAuditTrail.Entry> autoRecords(String decision) {
        return trail.ofKind("auto-failover").stream().filter(e -> decision.equals(e.fields().get("decision")))
                .toList();
    }

    @Test
    void aKilledPrimaryIsReplacedByTheSecondaryAfterTheGracePeriod() throws Exception {
        policy(AutoFailoverSettings.DEFAULT_GRACE, false);
        lab.kill(LabSide.PRIMARY, LabSignal.KILL);

        await().atMost(WAIT.plusSeconds(30)).until(() -> !runs.isEmpty());
        AutoFailoverRun run = runs.get(0);
        assertThat(run.outcome().result()).as(run.outcome().sentence()).isEqualTo(FailoverOutcome.Result.VERIFIED);
        assertThat(run.target()).isEqualTo(Side.SECONDARY);
        assertThat(run.fence()).isEmpty();
        assertThat(run.grace()).isGreaterThanOrEqualTo(AutoFailoverSettings.DEFAULT_GRACE);
        assertThat(decisions).anyMatch(d -> d.kind() == AutoFailoverDecision.Kind.COUNTDOWN
                && d.target().equals(java.util.Optional.of(Side.SECONDARY)));
        assertThat(harness(LabSide.SECONDARY, "query-status").bool("running")).contains(true);
        assertThat(harness(LabSide.SECONDARY, "query-colo-status").toJson())
                .isEqualTo("{\"last-mode\":\"secondary\",\"mode\":\"none\",\"reason\":\"request\"}");
        // the policy's decision with its reasons, then the same durable intent and outcome as a click
        assertThat(autoRecords("PROMOTE")).singleElement().satisfies(e -> {
            assertThat(e.durable()).isTrue();
            assertThat(e.fields().get("reasons").toString()).contains("COLO_EXIT with reason error")
                    .contains("QEMU is gone (its socket closed)");
        });
        assertThat(trail.ofKind("action-intent")).singleElement().matches(MemoryAuditTrail.Entry::durable);
        assertThat(trail.entries.indexOf(autoRecords("PROMOTE").get(0)))
                .isLessThan(trail.entries.indexOf(trail.ofKind("action-intent").get(0)));
        // never twice: disarmed after acting
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(auto.decision().kind()).isEqualTo(AutoFailoverDecision.Kind.DISARMED));
    }

    @Test
    void aFrozenPrimaryWithoutAFenceIsNeverPromotedAutomatically() throws Exception {
        policy(Duration.ofMillis(500), false);
        lab.kill(LabSide.PRIMARY, LabSignal.STOP);
        await().atMost(WAIT).untilAsserted(() -> assertThat(supervisor.snapshot().state().primary().heartbeat()
                .status()).isIn(HeartbeatStatus.UNRESPONSIVE, HeartbeatStatus.UNREACHABLE));
        // well past detection plus the grace period: the policy holds and says why
        Thread.sleep(LabTiming.bound(Duration.ofSeconds(4)).toMillis());
        assertThat(auto.decision().kind()).isEqualTo(AutoFailoverDecision.Kind.HOLD);
        assertThat(auto.decision().sentence()).contains("no fence action is configured");
        assertThat(runs).isEmpty();
        assertThat(trail.ofKind("action-intent")).isEmpty();
        assertThat(harness(LabSide.SECONDARY, "query-colo-status").toJson()).contains("\"mode\":\"secondary\"");
    }

    @Test
    void aFrozenPrimaryWithTheLabFenceIsKilledByItThenTheSecondaryPromoted() throws Exception {
        policy(AutoFailoverSettings.DEFAULT_GRACE, true);
        long primaryPid = lab.primaryPid();
        lab.kill(LabSide.PRIMARY, LabSignal.STOP);

        await().atMost(WAIT.plusSeconds(30)).until(() -> !runs.isEmpty());
        AutoFailoverRun run = runs.get(0);
        assertThat(run.outcome().result()).as(run.outcome().sentence()).isEqualTo(FailoverOutcome.Result.VERIFIED);
        assertThat(run.fenceOutcome()).hasValueSatisfying(f -> {
            assertThat(f.result()).isEqualTo(FenceOutcome.Result.SUCCEEDED);
            assertThat(f.action()).isEqualTo(FenceAction.OFF);
        });
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(ProcessHandle.of(primaryPid).map(ProcessHandle::isAlive).orElse(false)).isFalse());
        assertThat(harness(LabSide.SECONDARY, "query-status").bool("running")).contains(true);
        assertThat(trail.ofKind("fence-intent")).singleElement().matches(MemoryAuditTrail.Entry::durable);
        assertThat(trail.ofKind("fence-outcome")).singleElement()
                .satisfies(e -> assertThat(e.fields()).containsEntry("result", "SUCCEEDED"));
        assertThat(trail.entries.indexOf(trail.ofKind("fence-outcome").get(0)))
                .isLessThan(trail.entries.indexOf(trail.ofKind("action-intent").get(0)));
    }

    @Test
    void theFenceWaitsWhileAnotherProcessOfThisHostHoldsThePairsLock() throws Exception {
        // another console process of this host holds the pair (its runbook may be fencing this very side)
        Path lockFile = PairLock.fileFor(TestClaims.thisProcess().lockDirectory(),
                supervisor.config().primary().text(), supervisor.config().secondary().text());
        Process other = new ProcessBuilder(PairLockTest.java(), "-cp", PairLockTest.classpath(),
                PairLockChild.class.getName(), lockFile.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(
                other.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("LOCKED");
            policy(Duration.ofMillis(500), true);
            long primaryPid = lab.primaryPid();
            lab.kill(LabSide.PRIMARY, LabSignal.STOP);
            await().atMost(WAIT).untilAsserted(() -> assertThat(supervisor.snapshot().state().primary().heartbeat()
                    .status()).isIn(HeartbeatStatus.UNRESPONSIVE, HeartbeatStatus.UNREACHABLE));
            // well past the grace period, when it would have fenced: nothing ran while the other process held the pair
            Thread.sleep(LabTiming.bound(Duration.ofSeconds(3)).toMillis());
            assertThat(trail.ofKind("fence-intent")).isEmpty();
            assertThat(auto.decision().kind()).isEqualTo(AutoFailoverDecision.Kind.FENCE);
            assertThat(runs).isEmpty();
            assertThat(ProcessHandle.of(primaryPid).map(ProcessHandle::isAlive).orElse(false)).isTrue();

            other.getOutputStream().close(); // the other process lets the pair go
            assertThat(other.waitFor(60, TimeUnit.SECONDS)).isTrue();
            await().atMost(WAIT.plusSeconds(30)).until(() -> !runs.isEmpty());
            assertThat(runs.get(0).outcome().result()).as(runs.get(0).outcome().sentence())
                    .isEqualTo(FailoverOutcome.Result.VERIFIED);
            assertThat(runs.get(0).fenceOutcome()).hasValueSatisfying(f ->
                    assertThat(f.result()).isEqualTo(FenceOutcome.Result.SUCCEEDED));
            assertThat(trail.ofKind("fence-intent")).hasSize(1);
        } finally {
            other.destroyForcibly();
        }
    }

    @Test
    void aFenceThatFailsLeavesTheFrozenPrimaryAloneAndDisarms() throws Exception {
        Path agent = tmp.resolve("fence_fails");
        Files.writeString(agent, "#!/bin/sh\ncat >/dev/null\necho 'Failed: Unable to connect/login to fencing device'"
                + "\nexit 1\n");
        agent.toFile().setExecutable(true);
        policy(Duration.ofMillis(500), Map.of(Side.PRIMARY, new FenceSpec(List.of(agent.toString()), Map.of(),
                Duration.ofSeconds(10))));
        long primaryPid = lab.primaryPid();
        lab.kill(LabSide.PRIMARY, LabSignal.STOP);

        await().atMost(WAIT.plusSeconds(10)).until(() -> !autoRecords("FENCE_FAILED").isEmpty());
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(auto.decision().kind()).isEqualTo(AutoFailoverDecision.Kind.DISARMED));
        Thread.sleep(LabTiming.bound(Duration.ofSeconds(2)).toMillis());
        assertThat(runs).isEmpty();
        assertThat(trail.ofKind("action-intent")).isEmpty();
        assertThat(trail.ofKind("fence-outcome")).singleElement()
                .satisfies(e -> assertThat(e.fields()).containsEntry("result", "FAILED"));
        assertThat(ProcessHandle.of(primaryPid).map(ProcessHandle::isAlive).orElse(false)).isTrue();
        assertThat(harness(LabSide.SECONDARY, "query-colo-status").toJson()).contains("\"mode\":\"secondary\"");
    }

    @Test
    void theOperatorsCancelDuringTheCountdownStopsThePromotionAndDisarms() throws Exception {
        policy(LabTiming.bound(Duration.ofSeconds(5)), false);
        lab.kill(LabSide.PRIMARY, LabSignal.KILL);
        await().atMost(WAIT).until(() -> auto.decision().kind() == AutoFailoverDecision.Kind.COUNTDOWN);

        assertThat(auto.cancel().get(5, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(LabTiming.bound(Duration.ofSeconds(6)).toMillis());
        assertThat(runs).isEmpty();
        assertThat(trail.ofKind("action-intent")).isEmpty();
        assertThat(auto.decision().kind()).isEqualTo(AutoFailoverDecision.Kind.DISARMED);
        assertThat(autoRecords("CANCELLED")).singleElement().matches(MemoryAuditTrail.Entry::durable);
        assertThat(harness(LabSide.SECONDARY, "query-colo-status").toJson()).contains("\"mode\":\"secondary\"");
    }

    @Test
    void theLabFenceKillsItsQemuAndReportsItOff() throws Exception {
        FenceRunner fences = new FenceRunner(trail, Clock.systemUTC(), MonotonicClock.system());
        long pid = lab.secondaryPid();
        FenceSpec spec = LabFence.spec(lab.runDir(), LabSide.SECONDARY, LabTiming.bound(Duration.ofSeconds(10)));
        assertThat(fences.run(Side.SECONDARY, spec, FenceAction.STATUS).outcome().exitCode()).contains(0);

        FenceRunner.Run off = fences.run(Side.SECONDARY, spec, FenceAction.OFF);
        assertThat(off.outcome().result()).as(off.outcome().sentence()).isEqualTo(FenceOutcome.Result.SUCCEEDED);
        // gone, not merely dying: the script returns once /proc shows no live QEMU; the JVM reaps its child just after
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse());
        assertThat(fences.run(Side.SECONDARY, spec, FenceAction.STATUS).outcome().exitCode()).as("off").contains(2);
        assertThat(fences.run(Side.SECONDARY, spec, FenceAction.OFF).outcome().result())
                .as("already off counts as off").isEqualTo(FenceOutcome.Result.SUCCEEDED);
        FenceRunner.Run on = fences.run(Side.SECONDARY, spec, FenceAction.ON);
        assertThat(on.outcome().result()).isEqualTo(FenceOutcome.Result.FAILED);
        assertThat(on.outcome().sentence()).contains("not supported");
        // the primary was not touched
        assertThat(lab.isRunning(LabSide.PRIMARY)).isTrue();
    }
}
