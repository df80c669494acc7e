package org.coloconsole.engine;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether a runbook runs, and the operator's request to stop it safely. A runbook is never interrupted (an
 * interrupted {@code stop} leaves a fenced side and nobody promoted, and no outcome journaled): closing waits for it,
 * and a request to stop is honoured only between steps, before the step that promotes (see
 * {@link FailoverRunner}).
 */
final class RunbookLifetime {
    private final AtomicReference<CompletableFuture<?>> running =
            new AtomicReference<>(CompletableFuture.completedFuture(null));
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private final AtomicReference<org.coloconsole.colo.FailoverRequest> request = new AtomicReference<>();

    /** A new runbook: the previous one's stop request does not carry over. */
    <T> CompletableFuture<T> track(org.coloconsole.colo.FailoverRequest of, CompletableFuture<T> runbook) {
        stopRequested.set(false);
        request.set(of);
        running.set(runbook);
        return runbook;
    }

    /** The request of the runbook tracked last. */
    java.util.Optional<org.coloconsole.colo.FailoverRequest> request() {
        return java.util.Optional.ofNullable(request.get());
    }

    boolean running() {
        return !running.get().isDone();
    }

    /** Completes (never exceptionally) once no runbook runs. */
    CompletableFuture<Void> idle() {
        return running.get().handle((result, failure) -> null);
    }

    void requestStop() {
        stopRequested.set(true);
    }

    boolean stopRequested() {
        return stopRequested.get();
    }

    /** @return whether the runbook ended within {@code limit} */
    boolean awaitIdle(Duration limit) {
        try {
            idle().get(limit.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
