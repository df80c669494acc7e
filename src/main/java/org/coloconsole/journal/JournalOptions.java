package org.coloconsole.journal;

import java.time.Duration;
import java.util.Objects;

/**
 * How the journal rotates and batches.
 *
 * @param maxFileBytes        the current file is rotated at the first batch boundary after it would pass this size
 * @param keepRotatedFiles    rotated files kept; older ones are deleted (0 keeps none)
 * @param flushInterval       longest time an appended line waits in memory before it is written to the OS
 * @param flushThresholdBytes a batch this big is written at once, without waiting for the interval
 * @param maxPendingBytes     memory for lines not yet written; when full, events wait {@code eventWait}, then drop
 * @param eventWait           longest time {@link Journal#append} blocks its caller (a QMP reader) when memory is full
 */
public record JournalOptions(long maxFileBytes, int keepRotatedFiles, Duration flushInterval, int flushThresholdBytes,
                             int maxPendingBytes, Duration eventWait) {
    public static final long DEFAULT_MAX_FILE_BYTES = 64L * 1024 * 1024;

    public JournalOptions {
        Objects.requireNonNull(flushInterval, "flushInterval");
        Objects.requireNonNull(eventWait, "eventWait");
        if (maxFileBytes < 1024) {
            throw new IllegalArgumentException("a journal file must be allowed at least 1024 bytes");
        }
        if (keepRotatedFiles < 0) {
            throw new IllegalArgumentException("the number of rotated journal files to keep cannot be negative");
        }
        if (flushInterval.isNegative() || flushInterval.isZero() || flushInterval.toMillis() > 50) {
            throw new IllegalArgumentException("the journal flush interval must be between 1 and 50 ms");
        }
        if (flushThresholdBytes < 1 || maxPendingBytes < flushThresholdBytes) {
            throw new IllegalArgumentException("the journal needs 0 < flush threshold <= pending memory");
        }
        if (eventWait.isNegative()) {
            throw new IllegalArgumentException("the journal's event wait cannot be negative");
        }
    }

    /** 64 MiB files, 8 kept, written every 20 ms or per 256 KiB, 16 MiB of pending lines, events wait ≤ 20 ms. */
    public static JournalOptions defaults() {
        return new JournalOptions(DEFAULT_MAX_FILE_BYTES, 8, Duration.ofMillis(20), 256 * 1024, 16 * 1024 * 1024,
                Duration.ofMillis(20));
    }

    public JournalOptions withMaxFileBytes(long bytes) {
        return new JournalOptions(bytes, keepRotatedFiles, flushInterval, flushThresholdBytes, maxPendingBytes,
                eventWait);
    }

    public JournalOptions withKeepRotatedFiles(int count) {
        return new JournalOptions(maxFileBytes, count, flushInterval, flushThresholdBytes, maxPendingBytes, eventWait);
    }

    public JournalOptions withFlushInterval(Duration interval) {
        return new JournalOptions(maxFileBytes, keepRotatedFiles, interval, flushThresholdBytes, maxPendingBytes,
                eventWait);
    }

    public JournalOptions withBuffers(int thresholdBytes, int pendingBytes) {
        return new JournalOptions(maxFileBytes, keepRotatedFiles, flushInterval, thresholdBytes, pendingBytes,
                eventWait);
    }

    public JournalOptions withEventWait(Duration wait) {
        return new JournalOptions(maxFileBytes, keepRotatedFiles, flushInterval, flushThresholdBytes, maxPendingBytes,
                wait);
    }
}
