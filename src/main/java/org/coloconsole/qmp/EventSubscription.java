package org.coloconsole.qmp;

import java.util.ArrayDeque;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * One subscriber's events, delivered in arrival order on the subscriber's own thread, so a slow subscriber stalls
 * neither the reader nor the others. Its queue is bounded in bytes ({@link QmpEvent#footprintBytes()}): past it the
 * subscriber loses events and counts them, so a flooding QEMU costs at most that much memory per subscriber.
 *
 * <p>An {@linkplain QmpClient#subscribeInOrder in-order} subscription also runs the completions of the client's
 * replies, queued between the events exactly as the lines came: whoever reads a reply has already been handed every
 * event QEMU sent before it. Completions are never dropped (there is at most one per call in flight).
 */
public final class EventSubscription implements Subscription {
    private final Set<String> names;
    private final Consumer<QmpEvent> handler;
    private final long capacityBytes;
    private final AtomicLong dropped = new AtomicLong();
    private final Thread thread;
    private final Runnable onClose;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition nonEmpty = lock.newCondition();
    // guarded by lock
    private final ArrayDeque<Object> queue = new ArrayDeque<>();
    private long queuedBytes;
    private volatile boolean open = true;

    EventSubscription(String threadName, Set<String> names, Consumer<QmpEvent> handler, long capacityBytes,
                      Runnable onClose) {
        this.names = Set.copyOf(names);
        this.handler = handler;
        this.capacityBytes = capacityBytes;
        this.onClose = onClose;
        this.thread = new Thread(this::deliver, threadName);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Called by the reader thread: never blocks. An event larger than the whole bound still passes an empty queue. */
    void offer(QmpEvent event) {
        if (!open || !(names.isEmpty() || names.contains(event.name()))) {
            return;
        }
        long size = event.footprintBytes();
        lock.lock();
        try {
            if (queuedBytes > 0 && queuedBytes + size > capacityBytes) {
                dropped.incrementAndGet();
                return;
            }
            queuedBytes += size;
            queue.addLast(event);
            nonEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Called by the reader thread: runs {@code completion} after every event queued before it; never dropped. */
    void runInOrder(Runnable completion) {
        lock.lock();
        try {
            queue.addLast(completion);
            nonEmpty.signal();
        } finally {
            lock.unlock();
        }
        if (!open) {
            drainCompletions();
        }
    }

    boolean isOpen() {
        return open;
    }

    private void deliver() {
        while (open) {
            Object next;
            lock.lock();
            try {
                if (queue.isEmpty()) {
                    nonEmpty.await(200, TimeUnit.MILLISECONDS);
                }
                next = queue.pollFirst();
                if (next instanceof QmpEvent e) {
                    queuedBytes -= e.footprintBytes();
                }
            } catch (InterruptedException e) {
                break;
            } finally {
                lock.unlock();
            }
            if (next instanceof Runnable completion) {
                completion.run();
            } else if (next instanceof QmpEvent event && open) {
                try {
                    handler.accept(event);
                } catch (RuntimeException e) {
                    System.getLogger(EventSubscription.class.getName()).log(System.Logger.Level.WARNING,
                            "an event subscriber failed on " + event.name(), e);
                }
            }
        }
        // a caller waiting for a reply must not wait for its timeout because the subscriber left
        drainCompletions();
    }

    private void drainCompletions() {
        while (true) {
            Object next;
            lock.lock();
            try {
                next = queue.pollFirst();
                if (next instanceof QmpEvent e) {
                    queuedBytes -= e.footprintBytes();
                }
            } finally {
                lock.unlock();
            }
            if (next == null) {
                return;
            }
            if (next instanceof Runnable completion) {
                completion.run();
            }
        }
    }

    @Override
    public void close() {
        if (open) {
            open = false;
            thread.interrupt();
            onClose.run();
        }
    }

    /** Events this subscriber lost because it fell more than its queue behind (other subscribers are unaffected). */
    public long dropped() {
        return dropped.get();
    }
}
