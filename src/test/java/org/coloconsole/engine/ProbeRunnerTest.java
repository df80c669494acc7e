package org.coloconsole.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.coloconsole.colo.ProbeResult;
import org.coloconsole.colo.ServiceProbe;
import org.coloconsole.colo.Side;
import org.junit.jupiter.api.Test;

class ProbeRunnerTest {
    private final ProbeRunner runner = new ProbeRunner(Clock.systemUTC(), Duration.ofSeconds(2), false);

    @Test
    void readsTheLabGuestsAnswerWhoseCgiHeadersEndWithABareBlankLine() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> answer(server, "HTTP/1.0 200 OK\r\nContent-Type: text/plain\n\n"
                    + "counter 12\ndisk 11\nerrors 0\n"));
            t.start();
            ProbeResult r = runner.run(Side.PRIMARY, new ServiceProbe.Http("127.0.0.1", server.getLocalPort(),
                    "/cgi-bin/status", 200));
            t.join();
            assertThat(r.outcome()).isEqualTo(ProbeResult.Outcome.PASSED);
            assertThat(r.disk()).hasValue(11);
        }
    }

    @Test
    void anotherStatusFailsAndAClosedPortFails() throws Exception {
        int port;
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = server.getLocalPort();
            Thread t = new Thread(() -> answer(server, "HTTP/1.0 503 Busy\r\n\r\n"));
            t.start();
            assertThat(runner.run(Side.PRIMARY, new ServiceProbe.Http("127.0.0.1", port, "/", 200)).outcome())
                    .isEqualTo(ProbeResult.Outcome.FAILED);
            t.join();
        }
        assertThat(runner.run(Side.PRIMARY, new ServiceProbe.Tcp("127.0.0.1", port)).outcome())
                .isEqualTo(ProbeResult.Outcome.FAILED);
    }

    @Test
    void onlyLoopbackUnlessAllowed() {
        ProbeResult r = runner.run(Side.SECONDARY, new ServiceProbe.Tcp("192.0.2.1", 80));
        assertThat(r.outcome()).isEqualTo(ProbeResult.Outcome.REFUSED);
    }

    private static void answer(ServerSocket server, String response) {
        try (Socket s = server.accept()) {
            s.getInputStream().read(new byte[1024]);
            OutputStream out = s.getOutputStream();
            out.write(response.getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
