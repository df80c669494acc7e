package org.coloconsole.qmp;

import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One subscriber's events, delivered in arrival order on the subscriber's own thread, so a slow subscriber stalls
 * neither the reader nor the others. Past its queue it loses events and counts them.
 */
public final class EventSubscription implements Subscription {
    private final Set<String> names;
    private final Consumer<QmpEvent> handler;
    private final BlockingQueue<QmpEvent> queue;
    private final AtomicLong dropped = new AtomicLong();
    private final Thread thread;
    private final Runnable onClose;
    private volatile boolean open = true;

    EventSubscription(String threadName, Set<String> names, Consumer<QmpEvent> handler, int capacity, Runnable onClose) {
        this.names = Set.copyOf(names);
        this.handler = handler;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.onClose = onClose;
        this.thread = new Thread(this::deliver, threadName);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Called by the reader thread: never blocks. */
    void offer(QmpEvent event) {
        if (open && (names.isEmpty() || names.contains(event.name())) && !queue.offer(event)) {
            dropped.incrementAndGet();
        }
    }

    private void deliver() {
        while (open) {
            QmpEvent event;
            try {
                event = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (event != null && open) {
                try {
                    handler.accept(event);
                } catch (RuntimeException e) {
                    System.getLogger(EventSubscription.class.getName()).log(System.Logger.Level.WARNING,
                            "an event subscriber failed on " + event.name(), e);
                }
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
