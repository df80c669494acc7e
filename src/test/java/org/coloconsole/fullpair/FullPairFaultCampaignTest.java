package org.coloconsole.fullpair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.coloconsole.app.lab.LabOptions;
import org.coloconsole.app.lab.LabPair;
import org.coloconsole.app.lab.LabPairKind;
import org.coloconsole.app.lab.LabSide;
import org.coloconsole.app.lab.LabSignal;
import org.coloconsole.colo.FailoverPlan;
import org.coloconsole.colo.FailoverRequest;
import org.coloconsole.colo.ProxyKind;
import org.coloconsole.colo.Recommendation;
import org.coloconsole.colo.ServiceProbes;
import org.coloconsole.colo.ServiceStatus;
import org.coloconsole.colo.Side;
import org.coloconsole.colo.SideState;
import org.coloconsole.colo.Topology;
import org.coloconsole.engine.FailoverOutcome;
import org.coloconsole.engine.FailoverRunner;
import org.coloconsole.engine.JournalAuditTrail;
import org.coloconsole.engine.PairConfig;
import org.coloconsole.engine.PairSupervisor;
import org.coloconsole.engine.ServiceWatcher;
import org.coloconsole.testing.LabTiming;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults of docs/colo-full-pair.md's table against the full lab pair, watched as the window watches it (the lab's own
 * probes, topology and probe kept current by {@link ServiceWatcher}): after each kill the console's runbook must leave
 * the survivor serving, and the cards' state must say so. One pair per direction: a failover ends the pair's COLO.
 */
class FullPairFaultCampaignTest {
    @TempDir
    Path tmp;

    private LabPair lab;
    private PairSupervisor supervisor;
    private FailoverRunner runner;
    private ServiceWatcher watcher;

    @BeforeEach
    void startFullPairAndWaitForItsGuest() throws Exception {
        lab = LabPair.start(LabOptions.defaults().withKind(LabPairKind.FULL).withRunDir(tmp.resolve("lab"))
                .withStartTimeout(LabTiming.bound(Duration.ofSeconds(30))));
        ServiceProbes own = lab.state().serviceProbes();
        PairConfig config = PairConfig.of(lab.primaryConsoleEndpoint(), lab.secondaryConsoleEndpoint())
                .withProbes(new ServiceProbes(own.primary(), own.secondary(), false,
                        LabTiming.bound(Duration.ofSeconds(10))));
        supervisor = new PairSupervisor(config, JournalAuditTrail.open(tmp.resolve("journal")), Clock.systemUTC());
        runner = new FailoverRunner(supervisor, org.coloconsole.testing.TestClaims.thisProcess(),
                org.coloconsole.engine.Fencing.none());
        watcher = ServiceWatcher.standard(supervisor);
        supervisor.start();
        watcher.start();
        // the guest answers 25-60 s after start under TCG; the watcher probes every 10 s
        await().atMost(LabTiming.bound(Duration.ofSeconds(90))).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(ServiceStatus.of(side(Side.PRIMARY)).kind())
                        .isEqualTo(ServiceStatus.Kind.ANSWERS));
        assertThat(topology(Side.PRIMARY).summary()).startsWith("disk: replicated via NBD to 127.0.0.1:")
                .endsWith("network: compared");
        assertThat(topology(Side.SECONDARY).exportsDisk()).isTrue();
        assertThat(side(Side.PRIMARY).topologyWarnings()).isEmpty();
        assertThat(side(Side.SECONDARY).topologyWarnings()).isEmpty();
        assertThat(ServiceStatus.of(side(Side.SECONDARY)).kind()).isEqualTo(ServiceStatus.Kind.NOT_EXPECTED);
    }

    @AfterEach
    void stop() {
        if (watcher != null) {
            watcher.close();
        }
        if (runner != null) {
            runner.close();
        }
        if (supervisor != null) {
            supervisor.close();
        }
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void secondaryKilledThenContinueOnPrimaryTheProbeAnswersAndTheProxyIsOutOfThePath() throws Exception {
        lab.kill(LabSide.SECONDARY, LabSignal.KILL);
        awaitRecommendation(Recommendation.Kind.CONTINUE_ON_PRIMARY);
        Instant decided = Instant.now();

        FailoverOutcome outcome = failover(Side.PRIMARY);

        assertThat(outcome.result()).as(outcome.sentence()).isEqualTo(FailoverOutcome.Result.VERIFIED);
        assertThat(outcome.sentence()).contains("disk counter advances");
        awaitServingAfter(Side.PRIMARY, decided);
        // the watcher re-reads the topology after a failover on its own thread: the card follows, not at once
        await().atMost(LabTiming.bound(Duration.ofSeconds(15))).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> {
                    Topology after = topology(Side.PRIMARY);
                    assertThat(after.has(ProxyKind.COLO_COMPARE)).as(after.summary()).isFalse();
                    assertThat(after.has(ProxyKind.FILTER_MIRROR)).as(after.summary()).isFalse();
                    assertThat(after.disk().flatMap(d -> d.replicationToPeer())).as(after.summary()).isEmpty();
                });
    }

    @Test
    void primaryKilledThenPromoteSecondaryTheProbeAnswersAndTheNbdExportIsClosed() throws Exception {
        lab.kill(LabSide.PRIMARY, LabSignal.KILL);
        awaitRecommendation(Recommendation.Kind.PROMOTE_SECONDARY);
        Instant decided = Instant.now();

        FailoverOutcome outcome = failover(Side.SECONDARY);

        assertThat(outcome.result()).as(outcome.sentence()).isEqualTo(FailoverOutcome.Result.VERIFIED);
        assertThat(outcome.sentence()).contains("disk counter advances");
        awaitServingAfter(Side.SECONDARY, decided);
        await().atMost(LabTiming.bound(Duration.ofSeconds(15))).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(topology(Side.SECONDARY).exportsDisk())
                        .as(topology(Side.SECONDARY).summary()).isFalse());
    }

    private SideState side(Side side) {
        return supervisor.snapshot().state().side(side);
    }

    private Topology topology(Side side) {
        return side(side).topology().orElseThrow(() -> new AssertionError("the " + side.label()
                + "'s topology was not discovered"));
    }

    private void awaitRecommendation(Recommendation.Kind kind) {
        await().atMost(LabTiming.bound(Duration.ofSeconds(15))).pollInterval(Duration.ofMillis(20))
                .untilAsserted(() -> assertThat(supervisor.snapshot().recommendation().kind()).isEqualTo(kind));
    }

    private FailoverOutcome failover(Side target) throws Exception {
        return runner.run(new FailoverRequest(target, false), FailoverPlan.Options.defaults(), step -> { })
                .get(LabTiming.bound(Duration.ofSeconds(40)).toSeconds(), TimeUnit.SECONDS);
    }

    /** The watcher's own probe (the card's green) answered after the decision, not a result from before it. */
    private void awaitServingAfter(Side survivor, Instant decided) {
        await().atMost(LabTiming.bound(Duration.ofSeconds(15))).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    ServiceStatus status = ServiceStatus.of(side(survivor));
                    assertThat(status.kind()).as(status.sentence()).isEqualTo(ServiceStatus.Kind.ANSWERS);
                    assertThat(status.last().orElseThrow().at()).isAfter(decided);
                });
    }
}
