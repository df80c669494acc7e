package org.coloconsole.qmp;

import java.io.IOException;

/**
 * Splits the peer's bytes into lines without copying them: QEMU writes one JSON object per line (CRLF). Bounded: a
 * line longer than the cap is a protocol error, not an out-of-memory.
 */
final class LineReader {
    private static final int INITIAL_CAPACITY = 64 * 1024;

    private final Transport transport;
    private final int maxLineBytes;
    private byte[] buffer = new byte[INITIAL_CAPACITY];
    private int start;
    private int end;
    private int scanned;

    /** Where the last line returned by {@link #next()} lies in {@link #buffer()}. */
    private int lineOffset;
    private int lineLength;

    LineReader(Transport transport, int maxLineBytes) {
        this.transport = transport;
        this.maxLineBytes = maxLineBytes;
    }

    /**
     * Advances to the next non-empty line.
     *
     * @return false at a clean end of stream (between lines)
     * @throws QmpProtocolException when the line is too long or the stream ends mid-line
     * @throws IOException          when reading fails
     */
    boolean next() throws IOException, QmpProtocolException {
        while (true) {
            for (int i = scanned; i < end; i++) {
                if (buffer[i] == '\n') {
                    int lineEnd = i;
                    if (lineEnd > start && buffer[lineEnd - 1] == '\r') {
                        lineEnd--;
                    }
                    lineOffset = start;
                    lineLength = lineEnd - start;
                    start = i + 1;
                    scanned = start;
                    if (lineLength > maxLineBytes) {
                        throw tooLong();
                    }
                    if (lineLength > 0) {
                        return true;
                    }
                }
            }
            scanned = end;
            // a partial line may be a whole line plus the CR of its CRLF: whether the LF came in the same read
            // must not decide whether a line of exactly the cap is accepted
            if (end - start > maxLineBytes + 1) {
                throw tooLong();
            }
            makeRoom();
            int n;
            try {
                n = transport.read(buffer, end, buffer.length - end);
            } catch (IOException e) {
                if (end > start) {
                    throw new QmpProtocolException(QmpProtocolException.Kind.TRUNCATED_LINE,
                            "the connection failed in the middle of a message (" + (end - start) + " bytes unread)", e);
                }
                throw e;
            }
            if (n < 0) {
                if (end > start) {
                    throw new QmpProtocolException(QmpProtocolException.Kind.TRUNCATED_LINE,
                            "the peer closed the connection in the middle of a message", null);
                }
                return false;
            }
            end += n;
        }
    }

    private QmpProtocolException tooLong() {
        return new QmpProtocolException(QmpProtocolException.Kind.LINE_TOO_LONG,
                "the peer sent a line longer than " + maxLineBytes + " bytes", null);
    }

    byte[] buffer() {
        return buffer;
    }

    int lineOffset() {
        return lineOffset;
    }

    int lineLength() {
        return lineLength;
    }

    private void makeRoom() {
        if (start > 0 && (start == end || end == buffer.length)) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            scanned -= start;
            start = 0;
        }
        if (end == buffer.length) {
            // grow, but never beyond what one line may take plus a read's worth
            int grown = (int) Math.min((long) buffer.length * 2, (long) maxLineBytes + INITIAL_CAPACITY + 1);
            byte[] bigger = new byte[Math.max(grown, buffer.length + 1)];
            System.arraycopy(buffer, 0, bigger, 0, end);
            buffer = bigger;
        }
    }
}
