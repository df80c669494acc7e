package org.coloconsole.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import org.coloconsole.qmp.Endpoint;
import org.junit.jupiter.api.Test;

/** The QEMU fixture's own promises: a plain sentence when QEMU is missing, restart in place, close cleans up. */
class QemuMonitorProcessTest {

    @Test
    void aMissingQemuFailsWithASentenceSayingHowToInstallIt() {
        assertThatThrownBy(() -> QemuMonitorProcess.start("/nonexistent/qemu-system-x86_64", 1, 0))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("apt-get install qemu-system-x86")
                .hasMessageContaining("/nonexistent/qemu-system-x86_64");
    }

    @Test
    void restartKeepsTheEndpointsAndCloseKillsAndRemovesTheDirectory() throws Exception {
        Path socket;
        ProcessHandle second;
        try (QemuMonitorProcess qemu = QemuMonitorProcess.start(1, 1)) {
            Endpoint unix = qemu.unixEndpoint();
            Endpoint tcp = qemu.tcpEndpoint();
            socket = ((Endpoint.Unix) unix).path();
            long firstPid = qemu.pid();

            qemu.restart();

            assertThat(qemu.pid()).isNotEqualTo(firstPid);
            assertThat(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
            assertThat(qemu.unixEndpoint()).isEqualTo(unix);
            assertThat(qemu.tcpEndpoint()).isEqualTo(tcp);
            assertThat(socket).exists();
            assertThat(qemu.isAlive()).isTrue();
            second = ProcessHandle.of(qemu.pid()).orElseThrow();
        }
        assertThat(second.isAlive()).isFalse();
        assertThat(socket.getParent()).doesNotExist();
    }
}
