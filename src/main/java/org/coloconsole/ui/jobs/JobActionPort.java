package org.coloconsole.ui.jobs;

import java.util.concurrent.CompletableFuture;
import org.coloconsole.colo.JobAction;
import org.coloconsole.colo.Side;
import org.coloconsole.engine.JobActionOutcome;

/**
 * Sends an operator's job action: the engine's journaled {@code JobActionRunner} in the console, a scripted one in
 * tests. It must not block the caller (the FX thread); the future may complete on any thread.
 */
@FunctionalInterface
public interface JobActionPort {
    CompletableFuture<JobActionOutcome> run(Side side, JobAction action, String jobId);
}
