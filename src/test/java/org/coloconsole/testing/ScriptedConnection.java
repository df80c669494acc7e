package org.coloconsole.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.net.StandardSocketOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One client connection of a {@link ScriptedQmpServer}. The server's thread plays the script on it; the test thread
 * reads what the client sent ({@link #captured()}, {@link #awaitCaptured}) and whether it left.
 *
 * <p>Non-blocking with a selector, so that every read and write has a deadline: a blocking channel read ignores
 * timeouts.
 */
public final class ScriptedConnection {
    private static final long POLL_MILLIS = 20;
    private static final Duration WRITE_LIMIT = Duration.ofSeconds(10);

    private final int index;
    private final SocketChannel channel;
    private final boolean tcp;
    private final Selector selector;
    private final SelectionKey key;
    private final List<Captured> captured = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream pendingLine = new ByteArrayOutputStream();
    private final ByteBuffer readBuffer = ByteBuffer.allocate(64 * 1024);
    private final CountDownLatch stepsDone = new CountDownLatch(1);
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile boolean clientLeft;
    private volatile boolean closedByServer;

    ScriptedConnection(int index, SocketChannel channel, boolean tcp) throws IOException {
        this.index = index;
        this.channel = channel;
        this.tcp = tcp;
        channel.configureBlocking(false);
        this.selector = Selector.open();
        this.key = channel.register(selector, SelectionKey.OP_READ);
    }

    /** 0 for the first client, 1 for the next… */
    public int index() {
        return index;
    }

    /** Every line the client sent so far, in order. */
    public List<Captured> captured() {
        return List.copyOf(captured);
    }

    /** The last line captured. */
    public Captured last() {
        if (captured.isEmpty()) {
            throw new IllegalStateException("the client has sent nothing yet");
        }
        return captured.get(captured.size() - 1);
    }

    /** Waits until the client has sent at least {@code count} lines; returns them all. */
    public List<Captured> awaitCaptured(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (captured.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the client sent " + captured.size() + " line(s) within "
                        + timeout.toMillis() + " ms, expected " + count + ": " + ScriptedQmpServer.names(captured));
            }
            ScriptedQmpServer.pause(5);
        }
        return captured();
    }

    /** True once the client closed its side (seen by a read: after {@link QmpScript#hang()} or the script's end). */
    public boolean clientLeft() {
        return clientLeft;
    }

    /** Waits until the client closes the connection. */
    public void awaitClientLeft(Duration timeout) {
        try {
            if (!ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS) || !clientLeft) {
                throw new AssertionError("the client did not close connection " + index + " within "
                        + timeout.toMillis() + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Waits until the script's steps have all run (or one failed). */
    public void awaitScriptEnd(Duration timeout) {
        try {
            if (!stepsDone.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the script of connection " + index + " did not end within "
                        + timeout.toMillis() + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    // --- used by steps, on the server's thread ---

    public void sendLine(String json) throws IOException {
        sendRaw((json + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    public void sendRaw(byte[] bytes) throws IOException {
        ByteBuffer source = ByteBuffer.wrap(bytes);
        long deadline = System.nanoTime() + WRITE_LIMIT.toNanos();
        while (source.hasRemaining()) {
            if (channel.write(source) == 0) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("the client did not read " + source.remaining() + " bytes within "
                            + WRITE_LIMIT.toSeconds() + " s");
                }
                try {
                    key.interestOps(SelectionKey.OP_WRITE);
                    selector.select(POLL_MILLIS);
                    selector.selectedKeys().clear();
                    key.interestOps(SelectionKey.OP_READ);
                } catch (ClosedSelectorException | java.nio.channels.CancelledKeyException e) {
                    throw new ClosedChannelException();
                }
            }
        }
    }

    /** The client's next line, captured; an {@link IOException} when the client leaves first. */
    public Captured nextLine(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Captured line = takeLine();
            if (line != null) {
                return line;
            }
            if (clientLeft) {
                throw new IOException("the client closed the connection"
                        + (pendingLine.size() > 0 ? " in the middle of a line" : ""));
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("the client sent no line within " + timeout.toMillis() + " ms");
            }
            readSome();
        }
    }

    /** The client's next line, which must name {@code command}. */
    public Captured expect(String command, Duration timeout) throws IOException {
        Captured line = nextLine(timeout);
        if (!line.command().equals(command)) {
            throw new AssertionError("expected " + command + " but the client sent " + line.line());
        }
        return line;
    }

    /** Reads and captures until the client leaves, the server closes, or the connection limit passes. */
    public void drainUntilClosed() throws IOException {
        long deadline = System.nanoTime() + ScriptedQmpServer.CONNECTION_LIMIT.toNanos();
        while (!clientLeft && !closedByServer && System.nanoTime() < deadline) {
            try {
                readSome();
            } catch (ClosedChannelException e) {
                return;
            }
            while (takeLine() != null) {
                // captured
            }
        }
    }

    /** RST on TCP (so the client sees "connection reset"), a plain close on UNIX sockets. */
    public void reset() {
        if (tcp) {
            try {
                channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            } catch (IOException ignored) {
                // falls back to an ordinary close
            }
        }
        closeQuietly();
    }

    public void closeQuietly() {
        closedByServer = true;
        try {
            selector.close();
            channel.close();
        } catch (IOException ignored) {
            // best effort
        }
    }

    // --- internals ---

    void play(QmpScript script, List<Throwable> failures, Duration limit) {
        try {
            List<QmpScript.Step> steps = script.steps();
            for (int i = 0; i < steps.size(); i++) {
                try {
                    steps.get(i).run(this);
                } catch (Exception | AssertionError e) {
                    if (!closedByServer) {
                        failures.add(new AssertionError("connection " + index + ", step " + (i + 1) + " ("
                                + script.describe(i) + "): " + e.getMessage(), e));
                    }
                    return;
                }
            }
        } finally {
            stepsDone.countDown();
            try {
                if (!closedByServer) {
                    drainUntilClosed();
                }
            } catch (IOException ignored) {
                // the client went away: that is what the drain waits for
            } finally {
                closeQuietly();
                ended.countDown();
            }
        }
    }

    void markEnded() {
        stepsDone.countDown();
        ended.countDown();
    }

    private void readSome() throws IOException {
        try {
            selector.select(POLL_MILLIS);
            selector.selectedKeys().clear();
        } catch (ClosedSelectorException e) {
            throw new ClosedChannelException();
        }
        readBuffer.clear();
        int n;
        try {
            n = channel.read(readBuffer);
        } catch (ClosedChannelException e) {
            throw e;
        } catch (IOException e) {
            // a reset by the client counts as leaving
            clientLeft = true;
            return;
        }
        if (n < 0) {
            clientLeft = true;
            return;
        }
        pendingLine.write(readBuffer.array(), 0, n);
    }

    private Captured takeLine() {
        byte[] bytes = pendingLine.toByteArray();
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                int end = i > 0 && bytes[i - 1] == '\r' ? i - 1 : i;
                String text = new String(bytes, 0, end, StandardCharsets.UTF_8);
                pendingLine.reset();
                pendingLine.write(bytes, i + 1, bytes.length - i - 1);
                if (text.isBlank()) {
                    return takeLine();
                }
                Captured line = Captured.of(text);
                captured.add(line);
                return line;
            }
        }
        return null;
    }
}
