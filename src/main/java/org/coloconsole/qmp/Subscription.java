package org.coloconsole.qmp;

/** A registration for events or state changes; closing it stops delivery. */
public interface Subscription extends AutoCloseable {

    @Override
    void close();

    /** Events this subscriber lost because it fell more than its queue behind (other subscribers are unaffected). */
    long dropped();
}
