package org.coloconsole.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.coloconsole.qmp.Endpoint;
import org.coloconsole.testing.ScriptedQmpServer.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The fixture itself, driven by a bare socket client so that a client bug cannot hide a fixture bug. */
class ScriptedQmpServerTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    /** A minimal blocking client with a read deadline (non-blocking reads polled until the deadline). */
    private static final class RawClient implements AutoCloseable {
        private final SocketChannel channel;
        private final StringBuilder received = new StringBuilder();

        RawClient(Endpoint endpoint) throws IOException {
            if (endpoint instanceof Endpoint.Unix unix) {
                channel = SocketChannel.open(StandardProtocolFamily.UNIX);
                channel.connect(UnixDomainSocketAddress.of(unix.path()));
            } else {
                Endpoint.Tcp tcp = (Endpoint.Tcp) endpoint;
                channel = SocketChannel.open(new InetSocketAddress(tcp.host(), tcp.port()));
            }
            channel.configureBlocking(false);
        }

        void send(String text) throws IOException {
            ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (b.hasRemaining()) {
                channel.write(b);
            }
        }

        /** The next line without its CRLF, or null when the server closed first; fails after the deadline. */
        String line() throws IOException {
            byte[] bytes = read(-1);
            return bytes == null ? null : new String(bytes, StandardCharsets.ISO_8859_1);
        }

        /** Reads until a LF (count < 0) or count bytes; null on end of stream. */
        byte[] read(int count) throws IOException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            ByteBuffer chunk = ByteBuffer.allocate(8192);
            while (System.nanoTime() < deadline) {
                int nl = received.indexOf("\n");
                if (count < 0 && nl >= 0) {
                    String line = received.substring(0, nl);
                    received.delete(0, nl + 1);
                    return line.replaceAll("\r$", "").getBytes(StandardCharsets.ISO_8859_1);
                }
                if (count >= 0 && received.length() >= count) {
                    String bytes = received.substring(0, count);
                    received.delete(0, count);
                    return bytes.getBytes(StandardCharsets.ISO_8859_1);
                }
                chunk.clear();
                int n = channel.read(chunk);
                if (n < 0) {
                    return null;
                }
                if (n == 0) {
                    ScriptedQmpServer.pause(2);
                }
                for (int i = 0; i < n; i++) {
                    received.append((char) (chunk.get(i) & 0xff));
                }
            }
            throw new AssertionError("nothing more within " + WAIT.toMillis() + " ms; have: " + received);
        }

        /** True when nothing at all arrives within the given time (and the server did not close). */
        boolean silentFor(Duration d) throws IOException {
            long deadline = System.nanoTime() + d.toNanos();
            ByteBuffer one = ByteBuffer.allocate(1);
            while (System.nanoTime() < deadline) {
                if (channel.read(one) != 0) {
                    return false;
                }
                ScriptedQmpServer.pause(5);
            }
            return true;
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    @ParameterizedTest(name = "over {0}")
    @EnumSource(Transport.class)
    void greetsNegotiatesAndRepliesWithTheClientsOwnId(Transport transport) throws Exception {
        QmpScript script = QmpScript.negotiated().expect("query-status").reply("{\"status\": \"running\"}")
                .expect("query-name").replyError("GenericError", "no name");
        try (ScriptedQmpServer server = ScriptedQmpServer.start(transport, script);
             RawClient client = new RawClient(server.endpoint())) {
            assertThat(client.line()).isEqualTo(ScriptedQmpServer.QEMU_72_GREETING);
            client.send("{\"execute\": \"qmp_capabilities\", \"id\": 7}\r\n");
            assertThat(client.line()).isEqualTo("{\"return\": {}, \"id\": 7}");
            // QMP ids may be any JSON value: the reply copies it as it came
            client.send("{\"execute\":\"query-status\",\"id\":{\"n\":\"a\"}}\n");
            assertThat(client.line()).isEqualTo("{\"return\": {\"status\": \"running\"}, \"id\": {\"n\":\"a\"}}");
            client.send("{\"execute\":\"query-name\"}\n");
            assertThat(client.line()).isEqualTo("{\"error\": {\"class\": \"GenericError\", \"desc\": \"no name\"}}");

            ScriptedConnection connection = server.connection();
            assertThat(connection.captured()).extracting(Captured::command)
                    .containsExactly("qmp_capabilities", "query-status", "query-name");
            assertThat(connection.captured().get(1).id().string("n")).contains("a");
            server.verify(WAIT);
        }
    }

    @ParameterizedTest(name = "over {0}")
    @EnumSource(Transport.class)
    void anUnexpectedCommandIsAScriptFailureAndTheServerGoesSilent(Transport transport) throws Exception {
        try (ScriptedQmpServer server = ScriptedQmpServer.start(transport, QmpScript.negotiated().expect("stop")
                .reply("{}"));
             RawClient client = new RawClient(server.endpoint())) {
            client.line();
            client.send("{\"execute\": \"qmp_capabilities\", \"id\": 1}\n");
            client.line();
            client.send("{\"execute\": \"cont\", \"id\": 2}\n");
            server.connection().awaitScriptEnd(WAIT);
            assertThat(client.silentFor(Duration.ofMillis(200))).isTrue();
            assertThatThrownBy(() -> server.verify(WAIT)).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("expect stop").hasMessageContaining("\"cont\"");
        }
    }

    @ParameterizedTest(name = "over {0}")
    @EnumSource(Transport.class)
    void rawBytesEventsAndLongLinesArriveExactlyAsScripted(Transport transport) throws Exception {
        byte[] invalidUtf8 = {'{', '"', (byte) 0xC3, (byte) 0x28, '"', '}', '\r', '\n'};
        QmpScript script = QmpScript.empty().sendRaw(invalidUtf8).event("STOP", null)
                .event("COLO_EXIT", "{\"mode\": \"primary\", \"reason\": \"error\"}").sendLongLine(100_000)
                .sendRaw("{\"return\": {}, \"id\"");
        try (ScriptedQmpServer server = ScriptedQmpServer.start(transport, script);
             RawClient client = new RawClient(server.endpoint())) {
            assertThat(client.read(invalidUtf8.length)).isEqualTo(invalidUtf8);
            assertThat(client.line()).isEqualTo(
                    "{\"timestamp\": {\"seconds\": 1764100000, \"microseconds\": 123456}, \"event\": \"STOP\"}");
            assertThat(client.line()).endsWith("\"event\": \"COLO_EXIT\", "
                    + "\"data\": {\"mode\": \"primary\", \"reason\": \"error\"}}");
            assertThat(client.line()).hasSize(100_000).matches("x+");
            assertThat(client.read(19)).asString(StandardCharsets.ISO_8859_1).isEqualTo("{\"return\": {}, \"id\"");
            // half a line, then the script ends: the connection stays open and silent
            assertThat(client.silentFor(Duration.ofMillis(200))).isTrue();
            server.verify(WAIT);
        }
    }

    @ParameterizedTest(name = "over {0}")
    @EnumSource(Transport.class)
    void aSecondClientGetsNothingUntilTheFirstLeavesThenPlaysTheNextScript(Transport transport) throws Exception {
        try (ScriptedQmpServer server = ScriptedQmpServer.start(transport, QmpScript.empty().greet(),
                QmpScript.empty().send("{\"QMP\": {\"version\": {}, \"capabilities\": []}}"))) {
            RawClient first = new RawClient(server.endpoint());
            try (RawClient second = new RawClient(server.endpoint())) {
                try {
                    assertThat(first.line()).isEqualTo(ScriptedQmpServer.QEMU_72_GREETING);
                    assertThat(second.silentFor(Duration.ofMillis(300))).isTrue();
                } finally {
                    first.close();
                }
                server.connection(0, WAIT).awaitClientLeft(WAIT);
                assertThat(second.line()).isEqualTo("{\"QMP\": {\"version\": {}, \"capabilities\": []}}");
            }
            // beyond the scripts given: closed at once
            try (RawClient third = new RawClient(server.endpoint())) {
                assertThat(third.line()).isNull();
            }
            assertThat(server.accepted()).isEqualTo(3);
            server.verify(WAIT);
        }
    }

    @Test
    void anAbruptCloseOnTcpResetsTheConnection() throws Exception {
        try (ScriptedQmpServer server = ScriptedQmpServer.tcp(QmpScript.empty().greet().expectAnyLine()
                .closeAbruptly());
             RawClient client = new RawClient(server.endpoint())) {
            client.line();
            client.send("{\"execute\": \"qmp_capabilities\"}\n");
            server.connection().awaitScriptEnd(WAIT);
            assertThatThrownBy(client::line).isInstanceOf(IOException.class).hasMessageContaining("reset");
        }
    }

    @ParameterizedTest(name = "over {0}")
    @EnumSource(Transport.class)
    void hangCapturesWhatTheClientSendsAndEndsWhenItLeaves(Transport transport) throws Exception {
        try (ScriptedQmpServer server = ScriptedQmpServer.start(transport, QmpScript.empty().hang())) {
            try (RawClient client = new RawClient(server.endpoint())) {
                client.send("{\"execute\": \"a\"}\n{\"execute\": \"b\"}\r\nnot json\n");
                assertThat(server.connection().awaitCaptured(3, WAIT)).extracting(Captured::command)
                        .containsExactly("a", "b", "");
                assertThat(server.connection().last().line()).isEqualTo("not json");
                assertThat(server.connection().last().value().isMissing()).isTrue();
                assertThat(client.silentFor(Duration.ofMillis(100))).isTrue();
            }
            server.connection().awaitClientLeft(WAIT);
            server.verify(WAIT);
        }
    }

    @Test
    void closeRemovesTheUnixSocketAndItsDirectory() throws Exception {
        Path socket;
        try (ScriptedQmpServer server = ScriptedQmpServer.unix(QmpScript.empty().hang())) {
            socket = ((Endpoint.Unix) server.endpoint()).path();
            assertThat(socket).exists();
            new RawClient(server.endpoint()).close();
        }
        assertThat(socket).doesNotExist();
        assertThat(Files.exists(socket.getParent())).isFalse();
    }

    @Test
    void closeEndsAHangingConnection() throws Exception {
        ScriptedQmpServer server = ScriptedQmpServer.tcp(QmpScript.empty().greet().hang());
        try (RawClient client = new RawClient(server.endpoint())) {
            client.line();
            server.close();
            assertThat(client.line()).isNull();
            assertThat(server.failures()).isEmpty();
        }
    }
}
