package org.coloconsole.qmp;

/**
 * A registration for events or state changes; closing it stops delivery. Listeners called in the caller's thread
 * never fall behind, so only a queued subscriber ({@link EventSubscription}) counts what it dropped.
 */
@FunctionalInterface
public interface Subscription extends AutoCloseable {

    @Override
    void close();
}
