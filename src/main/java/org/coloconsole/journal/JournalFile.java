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
    /** Rotated files not yet forced: forced by the next force, so rotation never stalls the writer on the disk. */
    private final List<FileChannel> unforced = new ArrayList<>();
    /** The rename and new file not yet forced: forcing a directory on ext4 commits the journal, a long stall. */
    private boolean directoryUnforced;

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
        try {
            batch.writeTo(channel);
        } catch (IOException e) {
            // a full disk can take part of the batch: cut it off again, so that the writer's retry of the whole batch
            // neither tears a line nor writes one twice (and the space it took is free again)
            try {
                channel.truncate(size);
            } catch (IOException ignored) {
                e.addSuppressed(ignored);
            }
            throw e;
        }
        size += batch.size();
    }

    @Override
    public void force() throws IOException {
        forceRotated();
        channel.force(false);
    }

    /**
     * The old file stays open unforced: forcing 64 MiB here would stall the writer long enough to drop events.
     * The next force (a durable line) forces it first, so a durable line never sits on disk ahead of the events that
     * preceded it; a crash of the process alone loses nothing either way.
     */
    private void rotate() throws IOException {
        unforced.add(channel);
        if (unforced.size() > 4) {
            forceRotated(); // a rare storm of rotations without any durable line: bound the open files
        }
        Path rotated = JournalFiles.rotatedName(directory, clock.instant());
        Files.move(current, rotated, StandardCopyOption.ATOMIC_MOVE);
        List<String> ignored = new ArrayList<>();
        channel = JournalFiles.openForAppend(current, ignored);
        size = 0;
        directoryUnforced = true;
        JournalFiles.prune(directory, options.keepRotatedFiles());
    }

    private void forceRotated() throws IOException {
        if (directoryUnforced) {
            JournalFiles.forceDirectory(directory);
            directoryUnforced = false;
        }
        while (!unforced.isEmpty()) {
            try (FileChannel old = unforced.get(0)) {
                old.force(false);
            }
            unforced.remove(0);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            forceRotated();
            channel.force(false);
        } finally {
            channel.close();
        }
    }
}
