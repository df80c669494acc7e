package org.coloconsole.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The current journal file and its rotation. Used by the journal's single writer thread only, so the file is never
 * written from two threads and rotation always falls between two whole batches of whole lines.
 */
final class JournalFile implements BatchSink {
    private final Path directory;
    private final Path current;
    private final JournalOptions options;
    private final Clock clock;
    private FileChannel channel;
    private long size;

    JournalFile(Path directory, JournalOptions options, Clock clock, FileChannel channel) throws IOException {
        this.directory = directory;
        this.current = directory.resolve(JournalFiles.CURRENT);
        this.options = options;
        this.clock = clock;
        this.channel = channel;
        this.size = channel.size();
    }

    @Override
    public void write(LineBuffer batch) throws IOException {
        if (size > 0 && size + batch.size() > options.maxFileBytes()) {
            rotate();
        }
        batch.writeTo(channel);
        size += batch.size();
    }

    @Override
    public void force() throws IOException {
        channel.force(false);
    }

    /**
     * The old file is forced before it is renamed, so a durable line written after the rotation never sits on disk
     * ahead of events that preceded it.
     */
    private void rotate() throws IOException {
        channel.force(false);
        channel.close();
        Path rotated = JournalFiles.rotatedName(directory, clock.instant());
        Files.move(current, rotated, StandardCopyOption.ATOMIC_MOVE);
        List<String> ignored = new ArrayList<>();
        channel = JournalFiles.openForAppend(current, ignored);
        size = 0;
        JournalFiles.forceDirectory(directory);
        JournalFiles.prune(directory, options.keepRotatedFiles());
    }

    @Override
    public void close() throws IOException {
        try {
            channel.force(false);
        } finally {
            channel.close();
        }
    }
}
