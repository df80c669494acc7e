package org.coloconsole.ui.jobs;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.coloconsole.colo.PairState;
import org.coloconsole.ui.fx.CoalescingUpdater;

/**
 * Feeds the engine's states into the jobs pane: latest wins, one crossing into the FX thread per pulse. Closing it
 * stops the feed, so a state that arrives late never lands in a window that shows another pair.
 */
public final class JobsBinding implements AutoCloseable {
    private final AtomicBoolean open = new AtomicBoolean(true);

    /**
     * @param fx the FX thread's one crossing
     */
    public JobsBinding(JobsFeed feed, Executor fx, JobsViewModel model) {
        CoalescingUpdater<PairState> updates = new CoalescingUpdater<>(fx, state -> {
            if (open.get()) {
                model.update(state);
            }
        });
        feed.onChange(updates::offer);
        updates.offer(feed.current());
    }

    @Override
    public void close() {
        open.set(false);
    }
}
