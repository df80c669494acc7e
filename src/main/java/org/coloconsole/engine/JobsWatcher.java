package org.coloconsole.engine;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.coloconsole.colo.PollDecoder;
import org.coloconsole.colo.Side;
import org.coloconsole.colo.SideState;
import org.coloconsole.qmp.QmpClient;
import org.coloconsole.qmp.QmpClientState;

/**
 * Keeps the progress of running jobs live: QEMU sends an event when a job changes status, never when it makes
 * progress, so while a side has jobs this re-reads them every {@code period}. A side without jobs costs nothing: a
 * new job announces itself with JOB_STATUS_CHANGE, which the link already answers with a re-read.
 *
 * <p>Started by the window's session ({@code ui.SupervisorSession}); the CLI's one-shot reads do not need it.
 */
public final class JobsWatcher implements AutoCloseable {
    private final PairSupervisor supervisor;
    private final Duration period;
    private final Map<Side, JobsPoll> polls = new EnumMap<>(Side.class);
    private final ScheduledExecutorService timer;

    public JobsWatcher(PairSupervisor supervisor, Duration period) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("the jobs poll period must be positive, not " + period);
        }
        this.supervisor = supervisor;
        this.period = period;
        for (Side side : Side.values()) {
            polls.put(side, new JobsPoll((command, value, error) -> {
                if (error == null) {
                    PollDecoder.decode(side, supervisor.clock().instant(), command, value)
                            .ifPresent(supervisor::submit);
                }
            }));
        }
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread t = new Thread(runnable, "jobs-watcher");
            t.setDaemon(true);
            return t;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.timer = executor;
    }

    public JobsWatcher start() {
        timer.scheduleWithFixedDelay(this::tick, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** One round: re-reads the jobs of every side that has some and answers. Public for tests that step it. */
    public void tick() {
        for (Side side : Side.values()) {
            SideState state = supervisor.snapshot().state().side(side);
            if (state.jobs().isEmpty() || !state.answering()) {
                continue;
            }
            QmpClient client = supervisor.link(side).client();
            if (client.state() == QmpClientState.RUNNING) {
                // coalesced: a slow QEMU never gets a queue of these, only one read out and one wanted
                polls.get(side).poll(client, false);
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
