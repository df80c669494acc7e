package org.coloconsole.journal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a stream into newline-terminated lines, reading big chunks and scanning them in place: a journal has
 * millions of short lines, and reading them a byte at a time through a synchronized stream cost more than parsing.
 * Bytes after the last newline are not a line; {@link #tornBytes()} tells how many there were.
 */
final class LineSplitter implements AutoCloseable {
    private static final int CHUNK = 64 * 1024;

    private final InputStream in;
    private byte[] buffer = new byte[CHUNK];
    private int start;
    private int end;
    private int tornBytes;

    LineSplitter(InputStream in) {
        this.in = in;
    }

    /** The next line without its newline, or null at the end of the stream. */
    byte[] nextLine() throws IOException {
        int scanned = start;
        while (true) {
            for (int i = scanned; i < end; i++) {
                if (buffer[i] == '\n') {
                    byte[] line = Arrays.copyOfRange(buffer, start, i);
                    start = i + 1;
                    return line;
                }
            }
            scanned = end - start; // where scanning resumes once the unfinished line is moved to the front
            if (!fill()) {
                tornBytes = end - start;
                start = end;
                return null;
            }
            scanned += start;
        }
    }

    /** Bytes after the last newline, once {@link #nextLine()} returned null. */
    int tornBytes() {
        return tornBytes;
    }

    /** Moves the unfinished line to the front (growing the buffer for a long line) and reads more; false at EOF. */
    private boolean fill() throws IOException {
        int pending = end - start;
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, pending);
            start = 0;
            end = pending;
        }
        if (end == buffer.length) {
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        int n = in.read(buffer, end, buffer.length - end);
        if (n < 0) {
            return false;
        }
        end += n;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
