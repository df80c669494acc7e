package org.coloconsole.qmp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A QMP server driven step by step from the test thread, for what real QEMU will not do (garbage, hangs, replies
 * without ids). Listens on 127.0.0.1:0.
 */
final class FakePeer implements AutoCloseable {
    static final String GREETING = "{\"QMP\": {\"version\": {\"qemu\": {\"micro\": 22, \"minor\": 2, \"major\": 7}, "
            + "\"package\": \"fake\"}, \"capabilities\": [\"oob\"]}}";

    private final ServerSocket server;
    private Socket socket;
    private BufferedReader in;
    private OutputStream out;

    FakePeer() throws IOException {
        server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
        server.setSoTimeout(5000);
    }

    Endpoint endpoint() {
        return new Endpoint.Tcp("127.0.0.1", server.getLocalPort());
    }

    FakePeer accept() throws IOException {
        socket = server.accept();
        socket.setSoTimeout(5000);
        socket.setTcpNoDelay(true);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        out = socket.getOutputStream();
        return this;
    }

    /** Accepts, greets, and answers {@code qmp_capabilities}; returns what the client sent for it. */
    QmpValue acceptAndNegotiate() throws IOException {
        accept();
        send(GREETING);
        QmpValue negotiation = expect("qmp_capabilities");
        reply(negotiation, "{}");
        return negotiation;
    }

    void send(String line) throws IOException {
        sendRaw((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Reads the next command the client sent; it must be {@code name}. */
    QmpValue expect(String name) throws IOException {
        QmpValue command = next();
        String got = command.string("execute").or(() -> command.string("exec-oob")).orElse("?");
        if (!got.equals(name)) {
            throw new AssertionError("expected " + name + " but the client sent " + command);
        }
        return command;
    }

    QmpValue next() throws IOException {
        String line = in.readLine();
        if (line == null) {
            throw new IOException("the client closed the connection");
        }
        return QmpValue.parse(line);
    }

    /** True when nothing arrives within {@code millis}. */
    boolean silentFor(int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            return in.readLine() == null;
        } catch (SocketTimeoutException e) {
            return true;
        } finally {
            socket.setSoTimeout(5000);
        }
    }

    void reply(QmpValue command, String returnJson) throws IOException {
        send("{\"return\": " + returnJson + ", \"id\": " + command.get("id").toJson() + "}");
    }

    void replyError(QmpValue command, String errorClass, String desc) throws IOException {
        send("{\"error\": {\"class\": \"" + errorClass + "\", \"desc\": \"" + desc + "\"}, \"id\": "
                + command.get("id").toJson() + "}");
    }

    void event(String name, String dataJson) throws IOException {
        send("{\"timestamp\": {\"seconds\": 1764100000, \"microseconds\": 1}, \"event\": \"" + name + "\""
                + (dataJson == null ? "" : ", \"data\": " + dataJson) + "}");
    }

    void closeConnection() throws IOException {
        if (socket != null) {
            socket.close();
        }
    }

    @Override
    public void close() throws IOException {
        closeConnection();
        server.close();
    }
}
