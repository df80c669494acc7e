package org.coloconsole.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.coloconsole.colo.HeartbeatStatus;
import org.coloconsole.colo.PairSnapshot;
import org.coloconsole.colo.SideState;
import org.coloconsole.qmp.Endpoint;
import org.coloconsole.testing.LabTiming;
import org.coloconsole.testing.Needs;
import org.coloconsole.testing.NetworkNamespace;
import org.coloconsole.testing.QemuMonitorProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a closed or refused monitor connection proves, over real QEMU. A firewall's REJECT with tcp-reset, inside a
 * network namespace of the test's own, resets the console's established TCP connection and refuses its reconnects while
 * QEMU runs on: the side must read unreachable, never lost, and its card must say the reset is no proof. A QEMU killed
 * behind a UNIX socket on this host is lost: that is proof.
 */
class ResetIsNotProofOfDeathTest {
    private static final HeartbeatSettings HEARTBEAT = new HeartbeatSettings(Duration.ofMillis(100), 3,
            Duration.ofSeconds(2));

    @TempDir
    Path dir;

    @Test
    void aRejectWithTcpResetMakesATcpSideUnreachableNotLost() throws Exception {
        Needs.satisfied(NetworkNamespace.unavailableBecause().map(why -> "no network namespace for the REJECT: " + why));
        Needs.satisfied(NetworkNamespace.rejectUnavailableBecause());
        try (NetworkNamespace ns = NetworkNamespace.create(1);
             QemuMonitorProcess other = QemuMonitorProcess.startUnix()) {
            String address = ns.link(0).namespaceAddress();
            int port = freePort();
            Process qemu = startInside(ns, address, port);
            try {
                Endpoint tcp = new Endpoint.Tcp(address, port);
                List<SideState> seen = new CopyOnWriteArrayList<>();
                // the monitor is off loopback (in the namespace): plain TCP to it must be allowed explicitly
                try (PairSupervisor supervisor = new PairSupervisor(PairConfig.of(tcp, other.unixEndpoint())
                        .withHeartbeat(HEARTBEAT).withAllowInsecure(true), new MemoryAuditTrail(), Clock.systemUTC())) {
                    supervisor.onSnapshot(s -> seen.add(s.state().primary()));
                    supervisor.start();
                    await("the TCP side healthy").atMost(LabTiming.bound(Duration.ofSeconds(20)))
                            .until(() -> supervisor.snapshot().state().primary().heartbeat().status()
                                    == HeartbeatStatus.HEALTHY);

                    ns.rejectWithReset(port);
                    // the reset of the established connection, then refused reconnects (the backoff's first tries)
                    await("the TCP side judged after the reset").atMost(LabTiming.bound(Duration.ofSeconds(20)))
                            .until(() -> java.util.Set.of(HeartbeatStatus.LOST, HeartbeatStatus.UNREACHABLE)
                                    .contains(supervisor.snapshot().state().primary().heartbeat().status()));
                    // a few refused reconnects more, each judged again
                    Thread.sleep(2000);
                    PairSnapshot after = supervisor.settled().get(10, TimeUnit.SECONDS);

                    assertThat(qemu.isAlive()).as("QEMU runs on behind the firewall").isTrue();
                    assertThat(seen).as("never called lost: a reset over TCP is not proof of death")
                            .noneMatch(s -> s.heartbeat().status() == HeartbeatStatus.LOST);
                    assertThat(after.state().primary().heartbeat().status()).isEqualTo(HeartbeatStatus.UNREACHABLE);
                    assertThat(after.state().primary().connectionSentence()).as("the card says why")
                            .contains("over TCP").contains("no proof that it is gone");
                }
            } finally {
                qemu.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aKilledQemuBehindAUnixSocketIsLost() throws Exception {
        try (QemuMonitorProcess killed = QemuMonitorProcess.startUnix();
             QemuMonitorProcess other = QemuMonitorProcess.startUnix();
             PairSupervisor supervisor = new PairSupervisor(PairConfig.of(killed.unixEndpoint(), other.unixEndpoint())
                     .withHeartbeat(HEARTBEAT), new MemoryAuditTrail(), Clock.systemUTC())) {
            supervisor.start();
            await("the UNIX side healthy").atMost(LabTiming.bound(Duration.ofSeconds(20)))
                    .until(() -> supervisor.snapshot().state().primary().heartbeat().status() == HeartbeatStatus.HEALTHY);
            killed.kill();
            await("the UNIX side lost").atMost(LabTiming.bound(Duration.ofSeconds(20)))
                    .until(() -> supervisor.snapshot().state().primary().heartbeat().status() == HeartbeatStatus.LOST);
            assertThat(supervisor.snapshot().state().primary().connectionSentence())
                    .isIn("socket closed", "connection refused: the process is gone");
        }
    }

    /** A QEMU whose only monitors are a TCP one on the namespace's address and a UNIX one (for nothing but liveness). */
    private Process startInside(NetworkNamespace ns, String address, int port) throws IOException, InterruptedException {
        Path log = dir.resolve("qemu.log");
        List<String> command = new ArrayList<>(List.of(QemuMonitorProcess.BINARY, "-machine", "none", "-nodefaults",
                "-display", "none", "-no-user-config", "-qmp",
                "tcp:" + address + ":" + port + ",server=on,wait=off,nodelay=on"));
        Process process = new ProcessBuilder(ns.inside(command)).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + LabTiming.bound(Duration.ofSeconds(20)).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("QEMU in the namespace exited: " + Files.readString(log));
            }
            try (java.net.Socket probe = new java.net.Socket()) {
                probe.connect(new java.net.InetSocketAddress(address, port), 500);
                return process;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        process.destroyForcibly();
        throw new IOException("QEMU in the namespace did not listen on " + address + ":" + port);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
