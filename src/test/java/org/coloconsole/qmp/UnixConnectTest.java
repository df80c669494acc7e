package org.coloconsole.qmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A UNIX monitor whose listen queue is full must not hang connect(): a stopped QEMU looks like this. */
class UnixConnectTest {
    @TempDir
    Path dir;

    @Test
    void aFullListenQueueIsAConnectTimeoutNotAHang() throws Exception {
        Path path = dir.resolve("full.sock");
        List<SocketChannel> queued = new ArrayList<>();
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(path), 1);
            // nobody accepts: fill the queue with connections that stay open, as a stopped QEMU's queue fills
            for (int i = 0; i < 16; i++) {
                SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX);
                c.configureBlocking(false);
                try {
                    if (!c.connect(UnixDomainSocketAddress.of(path))) {
                        c.close();
                        break;
                    }
                } catch (java.net.SocketException full) {
                    // EAGAIN: the queue is full, which is the state this test needs
                    c.close();
                    break;
                }
                queued.add(c);
            }
            try (QmpClient client = new QmpClient(QmpClientOptions.defaults("t")
                    .withConnectTimeout(Duration.ofMillis(300)).withHandshakeTimeout(Duration.ofMillis(300)))) {
                long start = System.nanoTime();
                assertThatThrownBy(() -> client.connect(new Endpoint.Unix(path)))
                        .isInstanceOfSatisfying(QmpConnectException.class, e -> {
                            assertThat(e.reason()).isEqualTo(QmpConnectException.Reason.CONNECT_TIMEOUT);
                            assertThat(e.getMessage()).contains("listen queue is full");
                        });
                assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
                assertThat(client.state()).isEqualTo(QmpClientState.IDLE);
            }
        } finally {
            for (SocketChannel c : queued) {
                c.close();
            }
        }
    }
}
