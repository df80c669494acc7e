package org.coloconsole.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.coloconsole.colo.ColoSupport;
import org.coloconsole.colo.Observation;
import org.coloconsole.colo.Side;
import org.coloconsole.colo.SocketKind;
import org.coloconsole.qmp.ExponentialBackoff;
import org.coloconsole.qmp.QmpClient;
import org.coloconsole.qmp.QmpClientOptions;
import org.coloconsole.qmp.QmpCommandException;
import org.coloconsole.testing.TestedQemu;
import org.coloconsole.testing.QemuMonitorProcess;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The schema self-test a side link runs at connect, against real QEMU 7.2 and 10.0, plain and with
 * {@code -compat unstable-input=reject} (the schema reads the same; only asking tells them apart).
 */
class ColoSupportRealQemuTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String REFUSED = " (refused by -compat unstable-input=reject)";

    private static ColoSupport selfTest(QemuMonitorProcess qemu) {
        List<Observation> seen = new CopyOnWriteArrayList<>();
        try (SideLink link = new SideLink("self-test", qemu.unixEndpoint(), QmpClientOptions.defaults("self-test"),
                HeartbeatSettings.defaults(), ExponentialBackoff.standard(new Random(1)), Clock.systemUTC(),
                new ObservationSource(Side.PRIMARY, SocketKind.LOCAL_UNIX, MonotonicTimeline.system(), seen::add, (e, o) -> { }))) {
            link.start();
            // the link counts as up once the state is re-read and does not wait for the self-test (SideLink), so the
            // self-test may come after Resynced: wait for it, not for the resync
            await().atMost(WAIT).until(() -> seen.stream().anyMatch(o -> o instanceof Observation.ColoSupportChecked));
            return seen.stream().filter(o -> o instanceof Observation.ColoSupportChecked)
                    .map(o -> ((Observation.ColoSupportChecked) o).support()).findFirst()
                    .orElseThrow(() -> new AssertionError("no self-test: " + seen));
        }
    }

    @ParameterizedTest(name = "QEMU {0}")
    @EnumSource(TestedQemu.class)
    void everythingTheConsoleReliesOnIsOffered(TestedQemu binary) throws Exception {
        try (QemuMonitorProcess qemu = QemuMonitorProcess.start(binary, 1, 0)) {
            ColoSupport support = selfTest(qemu);

            assertThat(support.missing()).isEmpty();
            assertThat(support.summary()).isEqualTo("ok");
            assertThat(support.unstableInput()).isEqualTo(ColoSupport.UnstableInput.ACCEPTED);
            assertThat(support.qemuVersion()).startsWith(binary.major() + "." + binary.minor() + ".");
        }
    }

    @ParameterizedTest(name = "QEMU {0}")
    @EnumSource(TestedQemu.class)
    void unstableInputRejectedIsDetectedAndNamesWhatTheConsoleLoses(TestedQemu binary) throws Exception {
        try (QemuMonitorProcess qemu = QemuMonitorProcess.start(binary, 2, 0, "-compat", "unstable-input=reject")) {
            ColoSupport support = selfTest(qemu);

            assertThat(support.unstableInput()).isEqualTo(ColoSupport.UnstableInput.REJECTED);
            assertThat(support.missing()).containsExactly("command x-colo-lost-heartbeat" + REFUSED,
                    "migrate-set-capabilities argument capabilities.capability value x-colo" + REFUSED,
                    "migrate-set-parameters argument x-checkpoint-delay" + REFUSED);
            assertThat(support.canSend("x-colo-lost-heartbeat")).isFalse();
            // and that is what this QEMU does with them
            try (QmpClient client = new QmpClient(QmpClientOptions.defaults("harness"))) {
                client.connect(qemu.unixEndpoint(1));
                Throwable lostHeartbeat = client.execute("x-colo-lost-heartbeat").handle((v, e) -> e)
                        .get(10, TimeUnit.SECONDS);
                assertThat(lostHeartbeat).isInstanceOfSatisfying(QmpCommandException.class,
                        e -> assertThat(e.errorClass()).isEqualTo("CommandNotFound"));
                Throwable delay = client.execute("migrate-set-parameters", java.util.Map.of("x-checkpoint-delay",
                        2000)).handle((v, e) -> e).get(10, TimeUnit.SECONDS);
                assertThat(delay).isInstanceOfSatisfying(QmpCommandException.class,
                        e -> assertThat(e.errorClass()).isEqualTo("GenericError"));
            }
        }
    }
}
