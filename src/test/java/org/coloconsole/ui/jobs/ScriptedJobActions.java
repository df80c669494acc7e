package org.coloconsole.ui.jobs;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.coloconsole.colo.JobAction;
import org.coloconsole.colo.Side;
import org.coloconsole.engine.JobActionOutcome;

/** Records what the pane sent and lets the test answer each call when it chooses. */
final class ScriptedJobActions implements JobActionPort {
    record Call(Side side, JobAction action, String jobId, CompletableFuture<JobActionOutcome> answer) {
    }

    final List<Call> calls = new CopyOnWriteArrayList<>();

    @Override
    public CompletableFuture<JobActionOutcome> run(Side side, JobAction action, String jobId) {
        CompletableFuture<JobActionOutcome> answer = new CompletableFuture<>();
        calls.add(new Call(side, action, jobId, answer));
        return answer;
    }

    Call last() {
        return calls.get(calls.size() - 1);
    }
}
