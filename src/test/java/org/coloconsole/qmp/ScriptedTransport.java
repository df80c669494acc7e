package org.coloconsole.qmp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/** An in-memory transport that hands out pre-cut chunks, to test framing without sockets. */
final class ScriptedTransport implements Transport {
    private final Deque<byte[]> chunks = new ArrayDeque<>();
    private IOException failure;

    ScriptedTransport chunk(String text) {
        return chunk(text.getBytes(StandardCharsets.UTF_8));
    }

    ScriptedTransport chunk(byte[] bytes) {
        chunks.add(bytes);
        return this;
    }

    ScriptedTransport thenFail(IOException e) {
        failure = e;
        return this;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        byte[] next = chunks.poll();
        if (next == null) {
            if (failure != null) {
                throw failure;
            }
            return -1;
        }
        int n = Math.min(length, next.length);
        System.arraycopy(next, 0, buffer, offset, n);
        if (n < next.length) {
            byte[] rest = new byte[next.length - n];
            System.arraycopy(next, n, rest, 0, rest.length);
            chunks.addFirst(rest);
        }
        return n;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        // nothing reads what a framing test writes
    }

    @Override
    public void close() {
        chunks.clear();
    }
}
