package org.coloconsole.bench;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.coloconsole.qmp.Endpoint;
import org.coloconsole.qmp.QmpValue;

/**
 * A scripted QMP peer on a UNIX socket for floods: greets, answers every command (with the shapes the supervisor's
 * resync and heartbeat expect) on its own thread, and writes event lines shaped like QEMU 7.2's in the COLO
 * transcripts — as fast as the socket takes them, or paced, with the current time as QEMU's timestamp.
 *
 * <p>One connection at a time; a reconnect replaces it. Writes of events and replies share one lock, so a reply
 * waits at most one block of events.
 */
final class FloodPeer implements AutoCloseable {
    private static final String GREETING = "{\"QMP\": {\"version\": {\"qemu\": {\"micro\": 0, \"minor\": 2, "
            + "\"major\": 7}, \"package\": \"flood-peer\"}, \"capabilities\": [\"oob\"]}}\r\n";
    /** Events per pre-built block of the unpaced blast (about 90 KB). */
    private static final int BLOCK_EVENTS = 1_000;

    private final String mode;
    private final Path socketPath;
    private final ServerSocketChannel server;
    private final Thread acceptor;
    private final Object writeLock = new Object();
    private final AtomicLong commands = new AtomicLong();
    private final Random random;
    private volatile SocketChannel client;
    private final CountDownLatch negotiated = new CountDownLatch(1);
    private volatile boolean closed;

    /** @param mode {@code primary} or {@code secondary}: what query-colo-status and COLO_EXIT say */
    FloodPeer(Path directory, String mode, long seed) throws IOException {
        this.mode = mode;
        this.random = new Random(seed);
        this.socketPath = directory.resolve(mode + ".sock");
        Files.deleteIfExists(socketPath);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socketPath));
        acceptor = new Thread(this::acceptLoop, "flood-peer-" + mode + "-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    Endpoint endpoint() {
        return new Endpoint.Unix(socketPath);
    }

    long commandsAnswered() {
        return commands.get();
    }

    /** Waits until a client has connected and negotiated capabilities (once; reconnects do not reset it). */
    void awaitClient(long seconds) throws InterruptedException {
        if (!negotiated.await(seconds, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no client negotiated with the " + mode + " peer within " + seconds + " s");
        }
    }

    /**
     * Writes {@code count} events as fast as the socket takes them (pre-built blocks, timestamps of when the block
     * was built). Gives up after {@code limitSeconds}.
     *
     * @return events written
     */
    long blast(long count, long limitSeconds) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(limitSeconds);
        byte[][] blocks = new byte[8][];
        for (int i = 0; i < blocks.length; i++) {
            blocks[i] = block(BLOCK_EVENTS, System.currentTimeMillis() * 1000);
        }
        long written = 0;
        int b = 0;
        while (written < count && System.nanoTime() < deadline && !closed) {
            int n = (int) Math.min(BLOCK_EVENTS, count - written);
            byte[] block = n == BLOCK_EVENTS ? blocks[b++ % blocks.length] : block(n, System.currentTimeMillis() * 1000);
            write(block);
            written += n;
        }
        return written;
    }

    /**
     * Writes events of about {@code eventBytes} each (a MIGRATION_PASS with a long string member) as fast as the
     * socket takes them, for {@code seconds}: a QEMU gone mad, for the flood benchmark.
     *
     * @return events written
     */
    long blastHuge(int eventBytes, long seconds) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        byte[] event = ("{\"timestamp\": {\"seconds\": " + System.currentTimeMillis() / 1000 + ", \"microseconds\": 0}, "
                + "\"event\": \"HUGE\", \"data\": {\"blob\": \"" + "x".repeat(eventBytes) + "\"}}\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        long written = 0;
        while (System.nanoTime() < deadline && !closed) {
            try {
                write(event);
            } catch (IOException e) {
                // the console dropped us (it may, for this side): wait for its reconnect
                try {
                    Thread.sleep(20);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return written;
                }
                continue;
            }
            written++;
        }
        return written;
    }

    /**
     * Writes {@code count} events at {@code perSecond}, each stamped with the time it is written, in small bursts
     * every millisecond or so; stops early when {@code keepGoing} turns false.
     *
     * @return events written
     */
    long paced(long count, double perSecond, BooleanSupplier keepGoing) throws IOException, InterruptedException {
        long start = System.nanoTime();
        long written = 0;
        while (written < count && keepGoing.getAsBoolean() && !closed) {
            long due = Math.min(count, (long) ((System.nanoTime() - start) / 1e9 * perSecond));
            if (due > written) {
                int n = (int) Math.min(due - written, 2_000);
                write(block(n, nowMicros()));
                written += n;
            } else {
                TimeUnit.MICROSECONDS.sleep(500);
            }
        }
        return written;
    }

    private static long nowMicros() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }

    /** {@code n} event lines stamped {@code micros} (epoch microseconds), mixed as a busy COLO pair would send them. */
    private byte[] block(int n, long micros) {
        StringBuilder out = new StringBuilder(n * 110);
        String stamp = "{\"timestamp\": {\"seconds\": " + micros / 1_000_000 + ", \"microseconds\": "
                + micros % 1_000_000 + "}, \"event\": ";
        for (int i = 0; i < n; i++) {
            out.append(stamp).append(event(random.nextInt(100))).append("\r\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private String event(int dice) {
        if (dice < 35) {
            return "\"MIGRATION_PASS\", \"data\": {\"pass\": " + (1 + random.nextInt(40)) + "}}";
        }
        if (dice < 55) {
            String[] status = {"setup", "active", "colo", "completed"};
            return "\"MIGRATION\", \"data\": {\"status\": \"" + status[random.nextInt(status.length)] + "\"}}";
        }
        if (dice < 70) {
            return "\"STOP\"}";
        }
        if (dice < 85) {
            return "\"RESUME\"}";
        }
        if (dice < 95) {
            String[] status = {"created", "running", "ready", "concluded"};
            return "\"JOB_STATUS_CHANGE\", \"data\": {\"status\": \"" + status[random.nextInt(status.length)]
                    + "\", \"id\": \"colo-disk0\"}}";
        }
        if (dice < 98) {
            return "\"COLO_EXIT\", \"data\": {\"mode\": \"" + mode + "\", \"reason\": \"request\"}}";
        }
        return "\"COLO_EXIT\", \"data\": {\"mode\": \"" + mode + "\", \"reason\": \"error\", "
                + "\"error\": \"Input/output error\"}}";
    }

    private void write(byte[] bytes) throws IOException {
        SocketChannel target = client;
        if (target == null) {
            throw new IOException("no client is connected to the " + mode + " peer");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        synchronized (writeLock) {
            while (buffer.hasRemaining()) {
                target.write(buffer);
            }
        }
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                SocketChannel accepted = server.accept();
                SocketChannel previous = client;
                if (previous != null) {
                    previous.close();
                }
                client = accepted;
                Thread reader = new Thread(() -> serve(accepted), "flood-peer-" + mode + "-reader");
                reader.setDaemon(true);
                reader.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(SocketChannel channel) {
        try {
            write(GREETING.getBytes(StandardCharsets.US_ASCII));
            ByteBuffer in = ByteBuffer.allocate(64 * 1024);
            StringBuilder line = new StringBuilder();
            while (channel.read(in) >= 0) {
                in.flip();
                while (in.hasRemaining()) {
                    char c = (char) in.get();
                    if (c == '\n') {
                        answer(line.toString());
                        line.setLength(0);
                    } else {
                        line.append(c);
                    }
                }
                in.clear();
            }
        } catch (IOException e) {
            // the client went away or we closed: nothing to answer any more
        }
    }

    private void answer(String line) throws IOException {
        if (line.isBlank()) {
            return;
        }
        QmpValue command = QmpValue.parse(line);
        String name = command.string("execute").or(() -> command.string("exec-oob")).orElse("");
        String id = command.get("id").isMissing() ? "" : ", \"id\": " + command.get("id").toJson();
        String reply = "{\"return\": " + result(name) + id + "}\r\n";
        write(reply.getBytes(StandardCharsets.UTF_8));
        commands.incrementAndGet();
        if (name.equals("qmp_capabilities")) {
            negotiated.countDown();
        }
    }

    private String result(String command) {
        switch (command) {
            case "query-status":
                return "{\"status\": \"running\", \"singlestep\": false, \"running\": true}";
            case "query-colo-status":
                return "{\"last-mode\": \"none\", \"mode\": \"" + mode + "\", \"reason\": \"none\"}";
            case "query-migrate":
                return "{\"status\": \"colo\"}";
            case "query-version":
                return "{\"qemu\": {\"micro\": 0, \"minor\": 2, \"major\": 7}, \"package\": \"flood-peer\"}";
            case "query-migrate-parameters":
                return "{\"x-checkpoint-delay\": 2000}";
            case "query-jobs":
                return "[]";
            default:
                return "{}";
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        SocketChannel c = client;
        if (c != null) {
            c.close();
        }
        server.close();
        Files.deleteIfExists(socketPath);
    }
}
