package org.coloconsole.engine;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.coloconsole.qmp.QmpClient;
import org.coloconsole.qmp.QmpCommandException;
import org.coloconsole.qmp.QmpValue;

/**
 * Reads a side's jobs: {@code query-jobs}, or {@code query-block-jobs} on a QEMU without the job API. Re-reads asked
 * for while one is out are folded into one more, so a burst of job events (QEMU repeats BLOCK_JOB_ERROR for every
 * failed request) costs two reads, not one per event.
 */
final class JobsPoll {
    /** Where an answer goes: the command that answered, its result or its error. */
    interface Report {
        void answer(String command, QmpValue value, Throwable error);
    }

    private final Report report;
    // 0 idle, 1 a read is out, 2 a read is out and another is wanted after it
    private final AtomicInteger wanted = new AtomicInteger();

    JobsPoll(Report report) {
        this.report = report;
    }

    /**
     * @param resync a (re)connect's read, always sent and its failure reported; otherwise a re-read after an event,
     *               coalesced, whose failure is left to the heartbeat and the next resync to tell
     */
    CompletableFuture<Void> poll(QmpClient client, boolean resync) {
        if (resync) {
            return read(client, true);
        }
        if (wanted.getAndUpdate(n -> Math.min(n + 1, 2)) > 0) {
            return CompletableFuture.completedFuture(null);
        }
        return read(client, false).whenComplete((ok, error) -> {
            if (wanted.getAndDecrement() == 2) {
                wanted.set(0);
                poll(client, false);
            }
        });
    }

    private CompletableFuture<Void> read(QmpClient client, boolean reportFailure) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        client.execute("query-jobs").whenComplete((value, error) -> {
            Throwable cause = error != null && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof QmpCommandException q && "CommandNotFound".equals(q.errorClass())) {
                client.execute("query-block-jobs").whenComplete((blockJobs, blockError) -> {
                    answer("query-block-jobs", blockJobs, blockError, reportFailure);
                    done.complete(null);
                });
                return;
            }
            answer("query-jobs", value, error, reportFailure);
            done.complete(null);
        });
        return done;
    }

    private void answer(String command, QmpValue value, Throwable error, boolean reportFailure) {
        if (error == null || reportFailure) {
            report.answer(command, value, error);
        }
    }
}
