package org.coloconsole.qmp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A scheduler that runs nothing until told, and remembers each delay asked for: a fake clock for reconnects. */
final class ManualScheduler implements Scheduler {
    private final List<Duration> delays = new ArrayList<>();
    private final List<Runnable> due = new ArrayList<>();

    @Override
    public synchronized Task schedule(Runnable task, Duration delay) {
        delays.add(delay);
        Runnable[] slot = {task};
        due.add(() -> {
            if (slot[0] != null) {
                slot[0].run();
            }
        });
        return () -> slot[0] = null;
    }

    /** Runs the oldest pending task; false when none is pending. */
    boolean runNext() {
        Runnable next;
        synchronized (this) {
            if (due.isEmpty()) {
                return false;
            }
            next = due.remove(0);
        }
        next.run();
        return true;
    }

    synchronized List<Duration> delays() {
        return List.copyOf(delays);
    }
}
