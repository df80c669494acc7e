package org.coloconsole.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import org.coloconsole.qmp.Endpoint;

/**
 * The floor to compare against: no JSON library, no ids, no futures, no threads. Writes fixed command bytes and reads
 * until a line that contains {@code "return"}. Both UNIX and TCP go through a blocking {@link SocketChannel}.
 */
final class RawQmpClient implements AutoCloseable {
    private static final byte[] RETURN = "\"return\"".getBytes(StandardCharsets.US_ASCII);

    private final SocketChannel channel;
    private final ByteBuffer in = ByteBuffer.allocate(1 << 20);
    private int scanned;

    RawQmpClient(Endpoint endpoint) throws IOException {
        if (endpoint instanceof Endpoint.Tcp tcp) {
            channel = SocketChannel.open(new InetSocketAddress(tcp.host(), tcp.port()));
            channel.socket().setTcpNoDelay(true);
        } else {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(((Endpoint.Unix) endpoint).path()));
        }
        readLine(); // greeting
        send(bytes("{\"execute\":\"qmp_capabilities\"}\n"));
        awaitReturn();
    }

    static byte[] bytes(String command) {
        return command.getBytes(StandardCharsets.US_ASCII);
    }

    /** One sequential round trip. */
    void call(byte[] command) throws IOException {
        send(command);
        awaitReturn();
    }

    void send(byte[] command) throws IOException {
        ByteBuffer out = ByteBuffer.wrap(command);
        while (out.hasRemaining()) {
            channel.write(out);
        }
    }

    /** Reads lines until one contains {@code "return"} (events in between are skipped). */
    void awaitReturn() throws IOException {
        while (true) {
            int end = readLine();
            if (contains(in.array(), end, RETURN)) {
                consume(end);
                return;
            }
            consume(end);
        }
    }

    /** @return the index of the next newline in the buffer, reading more as needed */
    private int readLine() throws IOException {
        while (true) {
            byte[] buffer = in.array();
            for (int i = scanned; i < in.position(); i++) {
                if (buffer[i] == '\n') {
                    scanned = i;
                    return i;
                }
            }
            scanned = in.position();
            if (channel.read(in) < 0) {
                throw new IOException("QEMU closed the connection");
            }
        }
    }

    private void consume(int newline) {
        in.flip();
        in.position(newline + 1);
        in.compact();
        scanned = 0;
    }

    private static boolean contains(byte[] buffer, int end, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= end; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (buffer[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
