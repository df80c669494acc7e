package org.coloconsole.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.coloconsole.app.lab.LabOptions;
import org.coloconsole.app.lab.LabPair;
import org.coloconsole.app.lab.LabSide;
import org.coloconsole.app.lab.LabSignal;
import org.coloconsole.colo.FailoverPlan;
import org.coloconsole.colo.FailoverRequest;
import org.coloconsole.colo.HeartbeatStatus;
import org.coloconsole.colo.Recommendation;
import org.coloconsole.qmp.QmpClient;
import org.coloconsole.qmp.QmpClientOptions;
import org.coloconsole.qmp.QmpValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine against a real COLO pair, one fresh pair per test: each fault of docs/colo-behaviour.md, then the failover. */
class LabFailoverTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path tmp;

    private LabPair lab;
    private MemoryAuditTrail trail;
    private PairSupervisor supervisor;
    private FailoverRunner runner;
    private final List<StepReport> steps = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startPair() throws Exception {
        lab = LabPair.start(LabOptions.defaults().withRunDir(Files.createDirectory(tmp.resolve("lab"))));
        trail = new MemoryAuditTrail();
        supervisor = new PairSupervisor(PairConfig.of(lab.primaryConsoleEndpoint(), lab.secondaryConsoleEndpoint()),
                trail, Clock.systemUTC());
        runner = new FailoverRunner(supervisor, org.coloconsole.testing.TestClaims.thisProcess(),
                org.coloconsole.engine.Fencing.none());
        supervisor.start();
        awaitRecommendation(Recommendation.Kind.PROTECTED);
    }

    @AfterEach
    void stopPair() {
        runner.close();
        supervisor.close();
        lab.close();
    }

    private void awaitRecommendation(Recommendation.Kind kind) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).untilAsserted(() ->
                assertThat(supervisor.snapshot().recommendation().kind()).isEqualTo(kind));
    }

    private FailoverOutcome failover(FailoverRequest request) throws Exception {
        return runner.run(request, FailoverPlan.Options.defaults(), steps::add).get(30, TimeUnit.SECONDS);
    }

    /** What the lab's spare monitor says, independent of the console's connection. */
    private QmpValue harness(LabSide side, String command) throws Exception {
        try (QmpClient client = new QmpClient(QmpClientOptions.defaults("harness"))) {
            client.connect(lab.harnessEndpoint(side));
            return client.execute(command).get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void operatorFailoverToTheSecondaryFencesThePrimaryFirst() throws Exception {
        FailoverOutcome outcome = failover(new FailoverRequest(org.coloconsole.colo.Side.SECONDARY, false));

        assertThat(outcome.result()).as(outcome.sentence()).isEqualTo(FailoverOutcome.Result.VERIFIED);
        assertThat(outcome.steps()).extracting(r -> r.step().command())
                .containsExactly("stop", "yank", "x-colo-lost-heartbeat", "stop", "query-colo-status");
        assertThat(harness(LabSide.PRIMARY, "query-status").bool("running")).contains(false);
        assertThat(harness(LabSide.SECONDARY, "query-status").bool("running")).contains(true);
        assertThat(harness(LabSide.SECONDARY, "query-colo-status").toJson())
                .isEqualTo("{\"last-mode\":\"secondary\",\"mode\":\"none\",\"reason\":\"request\"}");
        assertThat(trail.ofKind("action-intent")).singleElement().matches(MemoryAuditTrail.Entry::durable);
        assertThat(trail.ofKind("action-outcome")).singleElement().matches(MemoryAuditTrail.Entry::durable);
        assertThat(trail.ofKind("action-outcome")).singleElement()
                .satisfies(e -> assertThat(e.fields().get("result")).isEqualTo("VERIFIED"));
        // the intent is journaled before any step
        assertThat(trail.entries.indexOf(trail.ofKind("action-intent").get(0)))
                .isLessThan(trail.entries.indexOf(trail.ofKind("action-step").get(0)));
        awaitRecommendation(Recommendation.Kind.DEGRADED);

        FailoverOutcome second = failover(new FailoverRequest(org.coloconsole.colo.Side.PRIMARY, true));
        assertThat(second.result()).isEqualTo(FailoverOutcome.Result.REFUSED);
        assertThat(second.sentence()).contains("already succeeded");
        assertThat(harness(LabSide.PRIMARY, "query-status").bool("running")).contains(false);
    }

    @Test
    void primarySigkillIsLostThenTheSecondaryIsPromoted() throws Exception {
        lab.kill(LabSide.PRIMARY, LabSignal.KILL);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(10)).untilAsserted(() ->
                assertThat(supervisor.snapshot().state().primary().heartbeat().status()).isEqualTo(HeartbeatStatus.LOST));
        awaitRecommendation(Recommendation.Kind.PROMOTE_SECONDARY);
        assertThat(supervisor.snapshot().recommendation().needsFencingAcknowledgement()).isFalse();

        FailoverOutcome outcome = failover(new FailoverRequest(org.coloconsole.colo.Side.SECONDARY, false));
        assertThat(outcome.result()).as(outcome.sentence()).isEqualTo(FailoverOutcome.Result.VERIFIED);
        assertThat(outcome.steps()).extracting(r -> r.step().command())
                .doesNotContain("stop");
        assertThat(harness(LabSide.SECONDARY, "query-status").bool("running")).contains(true);
    }

    @Test
    void secondarySigkillThenTheConsoleContinuesOnThePrimary() throws Exception {
        lab.kill(LabSide.SECONDARY, LabSignal.KILL);
        awaitRecommendation(Recommendation.Kind.CONTINUE_ON_PRIMARY);

        FailoverOutcome outcome = failover(new FailoverRequest(org.coloconsole.colo.Side.PRIMARY, false));
        assertThat(outcome.result()).as(outcome.sentence()).isEqualTo(FailoverOutcome.Result.VERIFIED);
        assertThat(harness(LabSide.PRIMARY, "query-status").bool("running")).contains(true);
        assertThat(harness(LabSide.PRIMARY, "query-colo-status").string("mode")).contains("none");
        assertThat(lab.awaitExit(LabSide.SECONDARY, Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void primarySigstopIsUnresponsiveAndTheFailoverWaitsForTheAcknowledgement() throws Exception {
        long stoppedAt = System.nanoTime();
        lab.kill(LabSide.PRIMARY, LabSignal.STOP);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(5)).untilAsserted(() ->
                assertThat(supervisor.snapshot().state().primary().heartbeat().status())
                        .isEqualTo(HeartbeatStatus.UNRESPONSIVE));
        long detectedMs = (System.nanoTime() - stoppedAt) / 1_000_000;
        // interval × misses = 750 ms; a margin for the check period and a loaded 2-core machine
        assertThat(detectedMs).isLessThan(750 + 1000);
        awaitRecommendation(Recommendation.Kind.PROMOTE_SECONDARY);
        assertThat(supervisor.snapshot().recommendation().needsFencingAcknowledgement()).isTrue();

        FailoverOutcome refused = failover(new FailoverRequest(org.coloconsole.colo.Side.SECONDARY, false));
        assertThat(refused.result()).isEqualTo(FailoverOutcome.Result.REFUSED);
        assertThat(refused.sentence()).contains("primary is unresponsive").contains("Fence its host");
        assertThat(harness(LabSide.SECONDARY, "query-colo-status").string("mode")).contains("secondary");

        FailoverOutcome acknowledged = failover(new FailoverRequest(org.coloconsole.colo.Side.SECONDARY, true));
        assertThat(acknowledged.result()).as(acknowledged.sentence()).isEqualTo(FailoverOutcome.Result.VERIFIED);
        assertThat(harness(LabSide.SECONDARY, "query-status").bool("running")).contains(true);
    }
}
