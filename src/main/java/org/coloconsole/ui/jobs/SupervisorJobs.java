package org.coloconsole.ui.jobs;

import java.time.Duration;
import java.util.function.Consumer;
import org.coloconsole.colo.PairState;
import org.coloconsole.engine.JobActionRunner;
import org.coloconsole.engine.JobsWatcher;
import org.coloconsole.engine.PairSupervisor;

/**
 * The jobs pane over a live supervisor: its states, its journaled {@link JobActionRunner}, and a
 * {@link JobsWatcher} that re-reads the jobs while there are some, so progress bars move between job events.
 */
public final class SupervisorJobs implements JobsFeed, AutoCloseable {
    /** How often a side's jobs are re-read while it has some. */
    public static final Duration PROGRESS_PERIOD = Duration.ofSeconds(1);

    private final PairSupervisor supervisor;
    private final JobActionRunner runner;
    private final JobsWatcher watcher;

    public SupervisorJobs(PairSupervisor supervisor) {
        this.supervisor = supervisor;
        this.runner = new JobActionRunner(supervisor);
        this.watcher = new JobsWatcher(supervisor, PROGRESS_PERIOD).start();
    }

    @Override
    public PairState current() {
        return supervisor.snapshot().state();
    }

    @Override
    public void onChange(Consumer<PairState> listener) {
        supervisor.onSnapshot(snapshot -> listener.accept(snapshot.state()));
    }

    @Override
    public JobActionPort actions() {
        return runner::run;
    }

    @Override
    public void close() {
        watcher.close();
        runner.close();
    }
}
