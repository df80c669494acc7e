package org.coloconsole.ui;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Rows from any thread, handed to the FX side in batches: a flood of events becomes one list change per crossing,
 * so the window keeps drawing. The producer never blocks; at most one crossing is queued at a time.
 *
 * <p>The queue itself is unbounded between drains, but a drain happens every pulse; the consumer bounds what it keeps.
 *
 * @param <T> a row, e.g. a log entry
 */
public final class BatchingQueue<T> {
    private final Executor target;
    private final Consumer<? super List<T>> consumer;
    private final int maxBatch;
    private final long minIntervalNanos;
    private volatile long lastDrainNanos;
    private final ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    /**
     * @param maxBatch the most rows handed over in one crossing; the rest follow in the next one, so a single
     *                 drain cannot hold the FX thread for long
     */
    public BatchingQueue(Executor target, int maxBatch, Consumer<? super List<T>> consumer) {
        this(target, maxBatch, Duration.ZERO, consumer);
    }

    /**
     * @param minInterval the least time between two crossings: a table of 100,000 rows re-measures itself on every
     *                    change of its size, so under a flood fewer, larger changes keep the window drawing (the
     *                    rows wait at most this long)
     */
    public BatchingQueue(Executor target, int maxBatch, Duration minInterval, Consumer<? super List<T>> consumer) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1, not " + maxBatch);
        }
        this.target = Objects.requireNonNull(target, "target");
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        this.maxBatch = maxBatch;
        this.minIntervalNanos = minInterval.toNanos();
    }

    /** Adds a row from any thread. */
    public void add(T row) {
        queue.add(Objects.requireNonNull(row, "row"));
        if (scheduled.compareAndSet(false, true)) {
            schedule();
        }
    }

    private void schedule() {
        long wait = lastDrainNanos + minIntervalNanos - System.nanoTime();
        if (minIntervalNanos == 0 || wait <= 0) {
            target.execute(this::drain);
        } else {
            CompletableFuture.delayedExecutor(wait, TimeUnit.NANOSECONDS, target).execute(this::drain);
        }
    }

    private void drain() {
        lastDrainNanos = System.nanoTime();
        List<T> batch = new ArrayList<>(Math.min(maxBatch, 1024));
        T row;
        while (batch.size() < maxBatch && (row = queue.poll()) != null) {
            batch.add(row);
        }
        scheduled.set(false);
        // rows added after the poll loop and before the reset saw scheduled=true and did not schedule: catch them
        if (!queue.isEmpty() && scheduled.compareAndSet(false, true)) {
            schedule();
        }
        if (!batch.isEmpty()) {
            consumer.accept(batch);
        }
    }
}
