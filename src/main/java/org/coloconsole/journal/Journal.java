package org.coloconsole.journal;

import com.fasterxml.jackson.core.JsonFactory;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.coloconsole.qmp.QmpEvent;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

/**
 * The append-only audit journal: one JSON object per line in {@code journal.jsonl}, rotated by size.
 *
 * <p><b>Threads.</b> Callers serialize their record under a short lock straight into an in-memory batch (Jackson's
 * streaming generator, no tree, no String of the line); one writer thread swaps the batch out and does every write,
 * force and rotation. So the file has a single writer, a caller never waits on the disk (only a durable append waits,
 * and it waits on purpose), and there is no per-record queue node or hand-off: the batch is the queue.
 *
 * <p><b>Backpressure.</b> Memory for unwritten lines is bounded ({@link JournalOptions#maxPendingBytes()}). When it is
 * full, {@link #append} waits at most {@link JournalOptions#eventWait()} and then drops the record and counts it;
 * once dropping, further events are dropped at once until the writer catches up, so a stalled disk cannot slow a QMP
 * reader to one event per wait. The next line written is a NOTE saying how many were dropped. Actions
 * ({@link JournalRecord.Kind#isAction()}) and {@link #appendDurable} are never dropped: they may exceed the bound.
 *
 * <p><b>Durability.</b> {@link #appendDurable} returns only after its line, and every line before it, has been
 * written and {@code force}d: write an ACTION_INTENT that way before sending the first command.
 *
 * <p><b>Secrets.</b> The journal writes exactly what callers put in records and nothing else; callers must keep key
 * material, passwords and certificate contents out of fields and raw events.
 */
public final class Journal implements AutoCloseable {
    private final Path directory;
    private final JournalOptions options;
    private final Clock clock;
    private final JournalOpenReport openReport;
    private final FileChannel lockChannel;
    private final FileLock fileLock;
    private final BatchSink file;
    private final Thread writer;

    private final ReentrantLock lock = new ReentrantLock();
    /** Wakes the writer: first bytes in an empty batch, batch past the threshold, a durable request, close. */
    private final Condition writerWake = lock.newCondition();
    /** Wakes callers: memory freed, lines forced, failure, closed. */
    private final Condition progress = lock.newCondition();
    // guarded by lock
    private final RecordEncoder encoder;
    private LineBuffer filling;
    private LineBuffer spare;
    private long appendedBytes;
    private long writtenBytes;
    private long forcedBytes;
    private long forceRequestedUpTo;
    private long droppedTotal;
    private long droppedSinceNote;
    /** Durable appends refused while the disk failed: their lines may still reach the disk with a retried batch. */
    private long refusedActions;
    private boolean closing;
    private IOException failure;

    /** Opens (creating 0700/0600 as needed) the journal in {@code directory}, repairing a torn last line. */
    public Journal(Path directory, JournalOptions options) throws JournalException {
        this(directory, options, Clock.systemUTC());
    }

    public Journal(Path directory, JournalOptions options, Clock clock) throws JournalException {
        this(directory, options, clock, UnaryOperator.identity());
    }

    /** {@code sinkDecorator} lets tests slow the disk down; production passes identity. */
    Journal(Path directory, JournalOptions options, Clock clock, UnaryOperator<BatchSink> sinkDecorator)
            throws JournalException {
        this.directory = directory.toAbsolutePath();
        this.options = options;
        this.clock = clock;
        JsonFactory factory = new JsonFactory();
        this.encoder = new RecordEncoder(factory);
        List<String> warnings = new ArrayList<>();
        Path current = this.directory.resolve(JournalFiles.CURRENT);
        FileChannel lockFile = null;
        FileChannel channel = null;
        try {
            JournalFiles.prepareDirectory(this.directory, warnings);
            lockFile = JournalFiles.openForAppend(this.directory.resolve(JournalFiles.LOCK), warnings);
            this.fileLock = tryLock(lockFile);
            this.lockChannel = lockFile;
            channel = JournalFiles.openForAppend(current, warnings);
            // a file's force() does not persist its new directory entry: without this, the first durable action
            // after a fresh start could be fsynced into a file that a power cut then loses
            JournalFiles.forceDirectory(this.directory);
            TornTailRecovery.Result repair = new TornTailRecovery(factory).repair(current, clock.instant());
            repair.tornFile().ifPresent(torn -> warnings.add("The journal's last line was incomplete after a crash: "
                    + repair.tornBytes() + " bytes were moved to " + torn + "; every complete line was kept."));
            this.openReport = new JournalOpenReport(this.directory, current, repair.tornFile(), repair.tornBytes(),
                    repair.keptBytes(), warnings);
            this.file = sinkDecorator.apply(new JournalFile(this.directory, options, clock, channel));
        } catch (IOException e) {
            closeQuietly(channel);
            closeQuietly(lockFile);
            throw new JournalException("Cannot open the journal in " + this.directory + ": " + e.getMessage()
                    + ". Check that the directory is writable and not on a full disk.", e);
        } catch (JournalException e) {
            closeQuietly(channel);
            closeQuietly(lockFile);
            throw e;
        }
        this.filling = new LineBuffer(Math.min(options.maxPendingBytes(), options.flushThresholdBytes() * 2));
        this.spare = new LineBuffer(Math.min(options.maxPendingBytes(), options.flushThresholdBytes() * 2));
        this.writer = new Thread(this::writeLoop, "journal-writer");
        // a daemon so a journal left open cannot keep the JVM alive; unwritten events are at most one interval old
        writer.setDaemon(true);
        writer.start();
    }

    /** {@code $XDG_DATA_HOME/colo-console/journal}, defaulting to {@code ~/.local/share/colo-console/journal}. */
    public static Path defaultDirectory(Map<String, String> environment) {
        return JournalFiles.defaultDirectory(environment, System.getProperty("user.home"));
    }

    public JournalOpenReport openReport() {
        return openReport;
    }

    public Path directory() {
        return directory;
    }

    /**
     * Appends an event or state line; it reaches the OS within the flush interval. Never throws for I/O: a failed
     * disk shows in {@link #failure()} and in the next durable append.
     *
     * @return false when the record was dropped (memory full past the wait, journal failed or closed)
     */
    public boolean append(JournalRecord record) {
        return appendLine(record.kind().isAction(), target -> encoder.encode(record, target));
    }

    /**
     * Appends a QEMU event as an {@link JournalRecord.Kind#EVENT} line with the fields {@code event} and, when QEMU
     * gave one, {@code qemu-time}, and the event's text as {@code raw}: what {@link #append} would write for that
     * record, without building it. This is the journal's hot path under an event storm; {@link QmpEvent#raw()} is one
     * JSON object on one line by construction, so it is embedded without being parsed again.
     *
     * @return false when the line was dropped (memory full past the wait, journal failed or closed)
     */
    public boolean appendEvent(Instant receivedAt, String side, QmpEvent event) {
        return appendLine(false, target -> encoder.encodeEvent(receivedAt, side, event, target));
    }

    private boolean appendLine(boolean action, Consumer<LineBuffer> line) {
        lock.lock();
        try {
            if (closing || failure != null) {
                countDropped();
                return false;
            }
            if (!action && !awaitSpace()) {
                countDropped();
                return false;
            }
            if (droppedSinceNote > 0) {
                encodeLocked(dropNote());
            }
            encodeLocked(line);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Appends an operator action and returns only once it, and every line before it, is on disk ({@code force}d).
     *
     * @throws JournalException when the journal cannot confirm that: then the action must not go ahead
     */
    public void appendDurable(JournalRecord record) throws JournalException {
        lock.lock();
        try {
            if (closing) {
                throw new JournalException("The journal is closed, so this action cannot be recorded.");
            }
            throwIfFailed();
            if (droppedSinceNote > 0) {
                encodeLocked(dropNote());
            }
            encodeLocked(record);
            long target = appendedBytes;
            forceRequestedUpTo = Math.max(forceRequestedUpTo, target);
            writerWake.signal();
            while (forcedBytes < target) {
                throwIfFailed();
                try {
                    progress.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new JournalException("Interrupted before the journal confirmed the action was on disk; "
                            + "treat it as not recorded.", e);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Records dropped since the journal opened (memory full, failed or closed). */
    public long dropped() {
        lock.lock();
        try {
            return droppedTotal;
        } finally {
            lock.unlock();
        }
    }

    /** Why the journal stopped writing, if it did. */
    public Optional<IOException> failure() {
        lock.lock();
        try {
            return Optional.ofNullable(failure);
        } finally {
            lock.unlock();
        }
    }

    /** Writes and forces everything appended so far (a note of dropped records included), then closes the file. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closing) {
                return;
            }
            if (droppedSinceNote > 0 && failure == null) {
                encodeLocked(dropNote());
            }
            closing = true;
            writerWake.signal();
        } finally {
            lock.unlock();
        }
        try {
            writer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly(fileLock);
        closeQuietly(lockChannel);
    }

    private void writeLoop() {
        long intervalNanos = options.flushInterval().toNanos();
        while (true) {
            LineBuffer batch;
            long batchEnd;
            boolean mustForce;
            lock.lock();
            try {
                while (filling.isEmpty() && !closing) {
                    writerWake.awaitUninterruptibly();
                }
                if (filling.isEmpty()) {
                    break; // closing, nothing left
                }
                long remaining = intervalNanos;
                while (!urgent() && remaining > 0) {
                    try {
                        remaining = writerWake.awaitNanos(remaining);
                    } catch (InterruptedException e) {
                        remaining = 0; // nobody interrupts this thread on purpose: write now
                    }
                }
                batch = filling;
                filling = spare;
                spare = null;
                batchEnd = appendedBytes;
                mustForce = forceRequestedUpTo > forcedBytes;
                progress.signalAll();
            } finally {
                lock.unlock();
            }
            IOException error = writeOnce(batch, mustForce);
            // a full disk is not for ever: keep the batch, say so (failure(): the status bar, the CLI's stderr, and
            // every durable append refused meanwhile), and try again until space returns or the journal closes
            while (error != null) {
                lock.lock();
                try {
                    failure = error;
                    progress.signalAll();
                    if (closing) {
                        break;
                    }
                    writerWake.awaitNanos(RETRY_INTERVAL_NANOS);
                } catch (InterruptedException e) {
                    // nobody interrupts this thread on purpose: try again now
                } finally {
                    lock.unlock();
                }
                error = writeOnce(batch, mustForce);
            }
            lock.lock();
            try {
                if (error == null && failure != null) {
                    failure = null;
                    if (refusedActions > 0) {
                        // their lines were in the batch that finally reached the disk: say they were not carried out
                        encodeLocked(refusedNote());
                    }
                }
                if (error == null) {
                    writtenBytes = batchEnd;
                    if (mustForce) {
                        forcedBytes = batchEnd;
                    }
                }
                batch.reset();
                spare = batch;
                progress.signalAll();
            } finally {
                lock.unlock();
            }
        }
        try {
            file.close();
        } catch (IOException | RuntimeException e) {
            lock.lock();
            try {
                if (failure == null) {
                    failure = e instanceof IOException ? (IOException) e : new IOException(e.toString(), e);
                }
            } finally {
                lock.unlock();
            }
        }
        lock.lock();
        try {
            progress.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** How long the writer waits before it tries a failed batch again. */
    private static final long RETRY_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private IOException writeOnce(LineBuffer batch, boolean mustForce) {
        try {
            file.write(batch);
            if (mustForce) {
                file.force();
            }
            return null;
        } catch (IOException e) {
            return e;
        } catch (RuntimeException | Error e) {
            // the writer must not die silently: a durable append would wait for it for ever
            return new IOException("the journal writer failed unexpectedly: " + e, e);
        }
    }

    private IOException failureSnapshot() {
        lock.lock();
        try {
            return failure;
        } finally {
            lock.unlock();
        }
    }

    private boolean urgent() {
        return closing || forceRequestedUpTo > forcedBytes || filling.size() >= options.flushThresholdBytes();
    }

    /** Waits for memory; once records are being dropped, does not wait again until the writer has caught up. */
    private boolean awaitSpace() {
        if (filling.size() < options.maxPendingBytes()) {
            return true;
        }
        if (droppedSinceNote > 0) {
            return false;
        }
        long remaining = options.eventWait().toNanos();
        while (filling.size() >= options.maxPendingBytes()) {
            if (remaining <= 0 || closing || failure != null) {
                return false;
            }
            try {
                remaining = progress.awaitNanos(remaining);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private void encodeLocked(JournalRecord record) {
        encodeLocked(target -> encoder.encode(record, target));
    }

    private void encodeLocked(Consumer<LineBuffer> line) {
        int before = filling.size();
        line.accept(filling);
        int after = filling.size();
        appendedBytes += after - before;
        int threshold = options.flushThresholdBytes();
        if (before == 0 || (before < threshold && after >= threshold)) {
            writerWake.signal();
        }
    }

    private JournalRecord dropNote() {
        long count = droppedSinceNote;
        droppedSinceNote = 0;
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("text", count + " journal records were dropped because the journal writer fell behind.");
        fields.put("dropped", count);
        return JournalRecord.of(clock.instant(), JournalRecord.Kind.NOTE, null, fields);
    }

    private void countDropped() {
        droppedTotal++;
        droppedSinceNote++;
    }

    private JournalRecord refusedNote() {
        long count = refusedActions;
        refusedActions = 0;
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("text", count + " operator action" + (count == 1 ? " was" : "s were") + " refused while the journal "
                + "could not be written; any of their lines above were not carried out.");
        fields.put("refused-actions", count);
        return JournalRecord.of(clock.instant(), JournalRecord.Kind.NOTE, null, fields);
    }

    private void throwIfFailed() throws JournalException {
        if (failure != null) {
            refusedActions++;
            throw new JournalException("The journal in " + directory + " cannot be written now ("
                    + failure.getMessage() + "), so this action cannot be recorded; the journal tries again until "
                    + "the disk takes it (free some space).", failure);
        }
    }

    private FileLock tryLock(FileChannel lockFile) throws IOException, JournalException {
        FileLock acquired;
        try {
            acquired = lockFile.tryLock();
        } catch (OverlappingFileLockException e) {
            acquired = null;
        }
        if (acquired == null) {
            throw new JournalBusyException("Another COLO Console is already writing the journal in " + directory
                    + "; close it first, or give this one another journal directory.");
        }
        return acquired;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (Exception e) {
                // closing on the way out of a failure: the first error is the one reported
            }
        }
    }
}
