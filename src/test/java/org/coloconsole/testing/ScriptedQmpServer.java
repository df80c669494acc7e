package org.coloconsole.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.coloconsole.qmp.Endpoint;

/**
 * A fake QMP monitor on a real socket (TCP {@code 127.0.0.1:0} or a UNIX socket in a temp dir) that plays one
 * {@link QmpScript} per connection, for what real QEMU will not do: garbage, invalid UTF-8, over-long or half lines,
 * replies that never come, abrupt closes.
 *
 * <p>Like a QEMU monitor it serves one client at a time: while a connection is open (a script that has ended keeps
 * reading and capturing until the client leaves, unless it closed), a second client is accepted by the kernel but
 * gets nothing. Connection {@code i} plays script {@code i}; connections beyond the scripts given are closed at once.
 * Everything runs on one daemon thread and every wait is bounded; {@link #close()} ends it all.
 */
public final class ScriptedQmpServer implements AutoCloseable {
    /** The greeting QEMU 7.2.22 sends (same keys and order). */
    public static final String QEMU_72_GREETING = "{\"QMP\": {\"version\": {\"qemu\": {\"micro\": 22, \"minor\": 2, "
            + "\"major\": 7}, \"package\": \"Debian 1:7.2+dfsg-7+deb12u13\"}, \"capabilities\": [\"oob\"]}}";

    /** Bound on a whole connection's life, so that a forgotten server cannot keep a test JVM busy. */
    static final Duration CONNECTION_LIMIT = Duration.ofSeconds(60);

    private final ServerSocketChannel server;
    private final Endpoint endpoint;
    private final Path dir;
    private final List<QmpScript> scripts;
    private final List<ScriptedConnection> connections = new CopyOnWriteArrayList<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final Thread acceptor;
    private volatile boolean closed;

    private ScriptedQmpServer(ServerSocketChannel server, Endpoint endpoint, Path dir, List<QmpScript> scripts) {
        this.server = server;
        this.endpoint = endpoint;
        this.dir = dir;
        this.scripts = List.copyOf(scripts);
        this.acceptor = new Thread(this::serve, "scripted-qmp-" + endpoint.text());
        this.acceptor.setDaemon(true);
    }

    /** Listens on {@code 127.0.0.1:0}; connection {@code i} plays {@code scripts[i]}. */
    public static ScriptedQmpServer tcp(QmpScript... scripts) throws IOException {
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.INET);
        try {
            channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
            int port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
            return start(channel, new Endpoint.Tcp("127.0.0.1", port), null, scripts);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Listens on {@code qmp.sock} in a fresh temp dir (removed by {@link #close()}). */
    public static ScriptedQmpServer unix(QmpScript... scripts) throws IOException {
        // short path: a UNIX socket path must fit in 108 bytes
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "qmpfake");
        Path socket = dir.resolve("qmp.sock");
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.bind(UnixDomainSocketAddress.of(socket), 1);
            return start(channel, new Endpoint.Unix(socket), dir, scripts);
        } catch (IOException | RuntimeException e) {
            channel.close();
            Files.deleteIfExists(socket);
            Files.deleteIfExists(dir);
            throw e;
        }
    }

    /** {@link #tcp} or {@link #unix}, for tests parameterized over both. */
    public static ScriptedQmpServer start(Transport transport, QmpScript... scripts) throws IOException {
        return transport == Transport.UNIX ? unix(scripts) : tcp(scripts);
    }

    /** The two kinds of socket QEMU's {@code -qmp} offers. */
    public enum Transport { UNIX, TCP }

    private static ScriptedQmpServer start(ServerSocketChannel channel, Endpoint endpoint, Path dir,
                                           QmpScript[] scripts) {
        ScriptedQmpServer s = new ScriptedQmpServer(channel, endpoint, dir, Arrays.asList(scripts));
        s.acceptor.start();
        return s;
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    /** How many clients have connected so far. */
    public int accepted() {
        return accepted.get();
    }

    /**
     * The {@code index}-th connection (0-based), once a client has made it; waits at most {@code timeout}.
     *
     * @throws AssertionError when no such connection came in time
     */
    public ScriptedConnection connection(int index, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (connections.size() <= index) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the client made " + connections.size() + " connection(s) within "
                        + timeout.toMillis() + " ms, expected at least " + (index + 1));
            }
            pause(5);
        }
        return connections.get(index);
    }

    /** The first connection, waiting up to 5 s for it. */
    public ScriptedConnection connection() {
        return connection(0, Duration.ofSeconds(5));
    }

    /** What went wrong in the scripts (an expectation the client did not meet, an I/O error), in order. */
    public List<Throwable> failures() {
        return List.copyOf(failures);
    }

    /** Waits until every script so far has ended, then throws the first script failure, if any. */
    public void verify(Duration timeout) {
        for (ScriptedConnection c : connections) {
            c.awaitScriptEnd(timeout);
        }
        if (!failures.isEmpty()) {
            AssertionError error = new AssertionError("the scripted QMP server saw a failure: " + failures.get(0));
            failures.forEach(error::addSuppressed);
            throw error;
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing is best effort
        }
        for (ScriptedConnection c : connections) {
            c.closeQuietly();
        }
        try {
            acceptor.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (dir != null) {
            try {
                Files.deleteIfExists(((Endpoint.Unix) endpoint).path());
                Files.deleteIfExists(dir);
            } catch (IOException ignored) {
                // a leftover temp dir is harmless
            }
        }
    }

    private void serve() {
        while (!closed) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    failures.add(e);
                }
                return;
            }
            int index = accepted.getAndIncrement();
            try {
                if (endpoint instanceof Endpoint.Tcp) {
                    client.setOption(StandardSocketOptions.TCP_NODELAY, true);
                }
                ScriptedConnection connection = new ScriptedConnection(index, client, endpoint instanceof Endpoint.Tcp);
                connections.add(connection);
                if (index >= scripts.size()) {
                    connection.closeQuietly();
                    connection.markEnded();
                    continue;
                }
                if (closed) {
                    connection.closeQuietly();
                }
                connection.play(scripts.get(index), failures, CONNECTION_LIMIT);
            } catch (IOException | RuntimeException e) {
                failures.add(e);
                closeQuietly(client);
            }
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // best effort
        }
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** For messages: the list of captured commands' names. */
    static List<String> names(List<Captured> captured) {
        List<String> names = new ArrayList<>();
        for (Captured c : captured) {
            names.add(c.command());
        }
        return names;
    }
}
