package org.coloconsole.journal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a stream into newline-terminated lines, reading big chunks and scanning them in place: a journal has
 * millions of short lines, and reading them a byte at a time through a synchronized stream cost more than parsing.
 * Bytes after the last newline are not a line; {@link #tornBytes()} tells how many there were. A line longer than
 * the limit (only a corrupt file has one) is skipped without being held in memory.
 */
final class LineSplitter implements AutoCloseable {
    private static final int CHUNK = 64 * 1024;
    /** Returned, by identity, in place of a line longer than the limit. */
    static final byte[] OVERLONG = new byte[0];

    private final InputStream in;
    private final int maxLineBytes;
    private byte[] buffer = new byte[CHUNK];
    private int start;
    private int end;
    private long tornBytes;
    private long overlongBytes;

    LineSplitter(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /** The next line without its newline, {@link #OVERLONG} for one past the limit, or null at the end. */
    byte[] nextLine() throws IOException {
        int scanned = start;
        long discarded = 0;
        while (true) {
            for (int i = scanned; i < end; i++) {
                if (buffer[i] == '\n') {
                    if (discarded > 0 || i - start > maxLineBytes) {
                        overlongBytes = discarded + (i - start);
                        start = i + 1;
                        return OVERLONG;
                    }
                    byte[] line = Arrays.copyOfRange(buffer, start, i);
                    start = i + 1;
                    return line;
                }
            }
            if (end - start >= maxLineBytes) {
                discarded += end - start; // no newline yet and already too long: forget it, keep scanning
                start = end;
            }
            scanned = end - start; // where scanning resumes once the unfinished line is moved to the front
            if (!fill()) {
                tornBytes = discarded + (end - start);
                start = end;
                return null;
            }
            scanned += start;
        }
    }

    /** Bytes after the last newline, once {@link #nextLine()} returned null. */
    long tornBytes() {
        return tornBytes;
    }

    /** Length of the last line returned as {@link #OVERLONG}. */
    long overlongBytes() {
        return overlongBytes;
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
