package org.coloconsole.qmp;

import java.io.Closeable;
import java.io.IOException;

/**
 * A connected byte stream to a monitor. Reads block; {@link #close()} from another thread unblocks a pending read
 * with an exception, which is how deadlines are enforced (a blocking socket read has no timeout of its own).
 */
interface Transport extends Closeable {

    /** Reads at least one byte, or returns -1 at end of stream. */
    int read(byte[] buffer, int offset, int length) throws IOException;

    /** Writes all bytes. Callers serialise writes. */
    void write(byte[] bytes, int offset, int length) throws IOException;

    @Override
    void close();
}
