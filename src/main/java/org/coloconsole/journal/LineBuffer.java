package org.coloconsole.journal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.Arrays;

/** A growable byte array that whole journal lines are serialized into, then written to the file in one go. */
final class LineBuffer extends OutputStream {
    private byte[] bytes;
    private int size;

    LineBuffer(int initialCapacity) {
        bytes = new byte[initialCapacity];
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void reset() {
        size = 0;
    }

    /** Drops everything after {@code mark}: used when a record failed half way through serialization. */
    void truncate(int mark) {
        size = mark;
    }

    @Override
    public void write(int b) {
        ensure(1);
        bytes[size++] = (byte) b;
    }

    @Override
    public void write(byte[] source, int offset, int length) {
        ensure(length);
        System.arraycopy(source, offset, bytes, size, length);
        size += length;
    }

    /** Writes all of it; a short write of a regular file is retried until done. */
    void writeTo(WritableByteChannel channel) throws IOException {
        ByteBuffer view = ByteBuffer.wrap(bytes, 0, size);
        while (view.hasRemaining()) {
            channel.write(view);
        }
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
