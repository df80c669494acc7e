package org.coloconsole.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.coloconsole.colo.FailoverPlan;
import org.coloconsole.colo.FailoverRequest;
import org.coloconsole.colo.Recommendation;
import org.coloconsole.colo.Side;
import org.coloconsole.qmp.QmpClient;
import org.coloconsole.qmp.QmpClientOptions;
import org.coloconsole.qmp.QmpGreeting;
import org.coloconsole.qmp.QmpValue;
import org.coloconsole.testing.TestedQemu;
import org.coloconsole.testing.QemuMonitorProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * PINS A QEMU BUG: on QEMU 10.0.0–10.0.6 COLO never starts (a regression in the active → colo transition, fixed
 * upstream and in 10.0.7). This test starts a minimal pair by hand on the 10.0 of {@link TestedQemu#QEMU_10_0} and
 * checks that the console recognises what happens: the primary's migration completes and its guest stops, the
 * secondary runs the VM alone after COLO_EXIT secondary/error while still claiming {@code mode secondary}.
 *
 * <p><b>When a fixed 10.0.x (10.0.7 or later) is installed this test fails on purpose</b> (see
 * {@link #requireTheBrokenBuild}): COLO should then start, so replace it with a test that the pair is PROTECTED and
 * keep the recognition's unit tests (FailedColoStartTest) for the builds that still carry the bug.
 */
class BrokenColoStartOnQemu10_0_2Test {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** The first 10.0.x with the fix ("migration: Fix transition to COLO state from precopy"). */
    private static final int FIXED_MICRO = 7;

    private QemuMonitorProcess primary;
    private QemuMonitorProcess secondary;
    private PairSupervisor supervisor;
    private FailoverRunner runner;
    private final List<QmpClient> harness = new java.util.ArrayList<>();

    @AfterEach
    void stopEverything() {
        if (runner != null) {
            runner.close();
        }
        if (supervisor != null) {
            supervisor.close();
        }
        harness.forEach(QmpClient::close);
        if (primary != null) {
            primary.close();
        }
        if (secondary != null) {
            secondary.close();
        }
    }

    /** Monitor 0 is the console's, monitor 1 the harness's: a QMP monitor serves one client at a time. */
    private static QemuMonitorProcess start(String... more) throws IOException {
        List<String> args = new java.util.ArrayList<>(List.of("-machine", "pc,accel=tcg", "-cpu", "qemu64",
                "-smp", "1", "-m", "128"));
        args.addAll(List.of(more));
        return QemuMonitorProcess.start(TestedQemu.QEMU_10_0, 2, 0, args.toArray(String[]::new));
    }

    private QmpClient harness(QemuMonitorProcess qemu) throws Exception {
        QmpClient client = new QmpClient(QmpClientOptions.defaults("harness"));
        harness.add(client);
        client.connect(qemu.unixEndpoint(1));
        return client;
    }

    private static QmpValue call(QmpClient client, String command, Map<String, ?> arguments) throws Exception {
        return client.execute(command, arguments).get(10, TimeUnit.SECONDS);
    }

    private static Map<String, Object> capabilities(String... names) {
        List<Map<String, Object>> list = new java.util.ArrayList<>();
        for (String name : names) {
            list.add(Map.of("capability", name, "state", true));
        }
        return Map.of("capabilities", list);
    }

    /** The day a fixed build is installed, this test must change rather than pass by accident or fail obscurely. */
    private static void requireTheBrokenBuild(QmpGreeting greeting) {
        assertThat(greeting.version().major() == 10 && greeting.version().minor() == 0
                && greeting.version().micro() < FIXED_MICRO)
                .as("QEMU %s (%s) is not a 10.0.x before 10.0.%d: its COLO start is fixed, so this test, which "
                        + "pins the broken start, must be changed to expect a PROTECTED pair", greeting.version(),
                        greeting.version().packageName(), FIXED_MICRO)
                .isTrue();
    }

    @Test
    void theFailedColoStartIsRecognisedAndTheSecondaryRunsTheVmUnprotected() throws Exception {
        int migrationPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            migrationPort = probe.getLocalPort();
        }
        secondary = start("-incoming", "tcp:127.0.0.1:" + migrationPort);
        primary = start("-S");
        QmpClient s = harness(secondary);
        QmpClient p = harness(primary);
        requireTheBrokenBuild(p.greeting().orElseThrow());

        supervisor = new PairSupervisor(PairConfig.of(primary.unixEndpoint(0), secondary.unixEndpoint(0)),
                new MemoryAuditTrail(), Clock.systemUTC());
        runner = new FailoverRunner(supervisor, org.coloconsole.testing.TestClaims.thisProcess(),
                org.coloconsole.engine.Fencing.none());
        supervisor.start();
        await().atMost(WAIT).until(() -> supervisor.snapshot().state().primary().synced()
                && supervisor.snapshot().state().secondary().synced()
                && supervisor.snapshot().state().secondary().coloSupport().isPresent());
        assertThat(supervisor.snapshot().state().secondary().coloSupport()).get()
                .satisfies(support -> assertThat(support.summary()).isEqualTo("ok"));

        // the bring-up: 10.0 needs x-colo on the secondary too, before the stream arrives
        call(s, "migrate-set-capabilities", capabilities("events", "x-colo"));
        call(p, "migrate-set-capabilities", capabilities("events", "x-colo"));
        call(p, "migrate-set-parameters", Map.of("x-checkpoint-delay", 2000));
        call(p, "migrate", Map.of("uri", "tcp:127.0.0.1:" + migrationPort));

        await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                assertThat(supervisor.snapshot().recommendation().headline()).startsWith("COLO never started"));
        Recommendation advice = supervisor.snapshot().recommendation();
        assertThat(advice.kind()).isEqualTo(Recommendation.Kind.PROMOTE_SECONDARY);
        assertThat(advice.headline()).contains("the VM now runs on the secondary alone, unprotected");
        // the facts behind it, as QEMU reports them now (the bug this test pins)
        assertThat(call(p, "query-migrate", Map.of()).string("status")).contains("completed");
        assertThat(call(p, "query-status", Map.of()).toJson())
                .isEqualTo("{\"status\":\"postmigrate\",\"running\":false}");
        assertThat(call(s, "query-status", Map.of()).bool("running")).contains(true);
        assertThat(call(s, "query-colo-status", Map.of()).string("mode")).contains("secondary");
        assertThat(call(s, "query-migrate", Map.of()).string("status")).contains("colo");
        assertThat(supervisor.snapshot().state().secondary().lastExit()).get()
                .satisfies(e -> assertThat(e.mode().raw() + "/" + e.reason().raw()).isEqualTo("secondary/error"));

        // and the advice works: promoting the secondary leaves it running alone, out of COLO, the primary stopped
        FailoverOutcome outcome = runner.run(new FailoverRequest(Side.SECONDARY, false),
                FailoverPlan.Options.defaults(), step -> { }).get(30, TimeUnit.SECONDS);
        assertThat(outcome.result()).as(outcome.sentence()).isEqualTo(FailoverOutcome.Result.VERIFIED);
        assertThat(call(s, "query-colo-status", Map.of()).toJson())
                .isEqualTo("{\"last-mode\":\"secondary\",\"mode\":\"none\",\"reason\":\"request\"}");
        assertThat(call(s, "query-status", Map.of()).bool("running")).contains(true);
        assertThat(call(p, "query-status", Map.of()).bool("running")).contains(false);
        await().atMost(WAIT).untilAsserted(() -> assertThat(supervisor.snapshot().recommendation().headline())
                .isEqualTo("Secondary runs the VM alone after failover: unprotected. Re-protect the pair."));
    }
}
