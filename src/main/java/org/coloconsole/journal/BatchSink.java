package org.coloconsole.journal;

import java.io.IOException;

/** Where the writer thread puts batches: the journal file, or in tests a file that can be made slow. */
interface BatchSink extends AutoCloseable {
    void write(LineBuffer batch) throws IOException;

    void force() throws IOException;

    @Override
    void close() throws IOException;
}
