package org.coloconsole.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.coloconsole.colo.Side;
import org.coloconsole.colo.SocketKind;
import org.coloconsole.qmp.ExponentialBackoff;
import org.coloconsole.qmp.QmpClientOptions;
import org.coloconsole.testing.QemuMonitorProcess;
import org.junit.jupiter.api.Test;

/**
 * A real QEMU frozen with SIGSTOP: the console's connection stays open and silent. Past
 * {@link HeartbeatSettings#reconnectAfterSilence()} the link drops it and connects again, and the new attempt tells
 * what the silence could not: the socket takes the connection but QEMU never greets, so it hangs (not unreachable,
 * not gone). Once thawed, the link is back and re-reads the side.
 */
class SilentConnectionTest {
    private static final HeartbeatSettings HEARTBEAT = new HeartbeatSettings(Duration.ofMillis(50), 3,
            Duration.ofMillis(200));

    @Test
    void aSilentConnectionIsDroppedAndTheNewAttemptTellsAHang() throws Exception {
        List<String> facts = new CopyOnWriteArrayList<>();
        try (QemuMonitorProcess qemu = QemuMonitorProcess.startUnix();
             SideLink link = new SideLink("frozen", qemu.unixEndpoint(), QmpClientOptions.defaults("frozen")
                     .withHandshakeTimeout(Duration.ofMillis(500)).withConnectTimeout(Duration.ofMillis(500)),
                     HEARTBEAT, ExponentialBackoff.standard(new Random(1)), Clock.systemUTC(),
                     new ObservationSource(Side.PRIMARY, SocketKind.LOCAL_UNIX, MonotonicTimeline.system(), o -> facts.add(o.toString()), (e, o) -> { }))) {
            link.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> facts.stream().anyMatch(f -> f.startsWith("Resynced")));
            facts.clear();
            qemu.freeze();
            try {
                await("dropped for its silence").atMost(Duration.ofSeconds(10))
                        .until(() -> facts.stream().anyMatch(f -> f.startsWith("Lost") && f.contains("SILENT")));
                await("a new attempt: accepted, never greeted").atMost(Duration.ofSeconds(10))
                        .until(() -> facts.stream().anyMatch(f -> f.startsWith("ConnectFailed")
                                && f.contains("NO_GREETING")));
            } finally {
                qemu.thaw();
            }
            await("back and re-read").atMost(Duration.ofSeconds(30))
                    .until(() -> facts.stream().anyMatch(f -> f.startsWith("Resynced")));
            assertThat(facts).filteredOn(f -> f.startsWith("Lost")).allMatch(f -> f.contains("SILENT"));
        }
    }
}
