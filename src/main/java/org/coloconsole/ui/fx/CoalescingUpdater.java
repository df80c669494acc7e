package org.coloconsole.ui.fx;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Latest value wins: a producer may offer many values per pulse; the consumer sees at most one update per crossing,
 * always the newest. The producer never blocks and never waits for the FX thread.
 *
 * @param <T> the value handed across, e.g. a pair snapshot
 */
public final class CoalescingUpdater<T> {
    private final Executor target;
    private final Consumer<? super T> consumer;
    // non-null while a crossing is scheduled and not yet run; the scheduled task takes whatever is newest
    private final AtomicReference<T> pending = new AtomicReference<>();

    public CoalescingUpdater(Executor target, Consumer<? super T> consumer) {
        this.target = Objects.requireNonNull(target, "target");
        this.consumer = Objects.requireNonNull(consumer, "consumer");
    }

    /** Offers a value from any thread. */
    public void offer(T value) {
        Objects.requireNonNull(value, "value");
        if (pending.getAndSet(value) == null) {
            target.execute(this::deliver);
        }
    }

    private void deliver() {
        T latest = pending.getAndSet(null);
        if (latest != null) {
            consumer.accept(latest);
        }
    }
}
