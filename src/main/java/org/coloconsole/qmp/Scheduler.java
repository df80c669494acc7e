package org.coloconsole.qmp;

import java.time.Duration;

/** Runs tasks later on one thread, in order. A seam so reconnect timing is testable without sleeping. */
public interface Scheduler {

    /** A scheduled task that can be cancelled. */
    interface Task {
        void cancel();
    }

    Task schedule(Runnable task, Duration delay);
}
