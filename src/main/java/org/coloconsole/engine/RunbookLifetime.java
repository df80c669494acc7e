package org.coloconsole.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.coloconsole.colo.FailoverRequest;

/**
 * Every runbook of one runner that runs or waits its turn (an operator's click and the automatic failover may both
 * start one), each with its own request to stop safely. A runbook is never interrupted (an interrupted {@code stop}
 * leaves a fenced side and nobody promoted, and no outcome journaled): closing waits for all of them, and a request
 * to stop is honoured only between steps, before the step that promotes (see {@link FailoverRunner}).
 */
final class RunbookLifetime {
    /** One runbook, from the moment it is asked for until its outcome. */
    static final class Runbook {
        private final FailoverRequest request;
        private final AtomicBoolean stopRequested = new AtomicBoolean();
        private final CompletableFuture<Void> ended = new CompletableFuture<>();

        private Runbook(FailoverRequest request) {
            this.request = request;
        }

        FailoverRequest request() {
            return request;
        }

        /** Whether the operator (or closing) asked this runbook to stop where that is safe. */
        boolean stopRequested() {
            return stopRequested.get();
        }
    }

    /** In the order they were asked for; a runbook leaves once it ended. */
    private final List<Runbook> tracked = new CopyOnWriteArrayList<>();

    /**
     * Tracks a runbook before it is handed to its thread, so that none is ever unaccounted for; {@link #track} ties
     * it to its future.
     */
    Runbook begin(FailoverRequest request) {
        Runbook runbook = new Runbook(request);
        tracked.add(runbook);
        return runbook;
    }

    /** Ties {@code runbook} to the future of its outcome: it stops being tracked once that completes. */
    <T> CompletableFuture<T> track(Runbook runbook, CompletableFuture<T> outcome) {
        outcome.whenComplete((result, failure) -> end(runbook));
        return outcome;
    }

    /** A runbook that never got to run (its thread refused it). */
    void end(Runbook runbook) {
        tracked.remove(runbook);
        runbook.ended.complete(null);
    }

    /** The runbooks that run or wait now, oldest first. */
    List<Runbook> unfinished() {
        return new ArrayList<>(tracked);
    }

    boolean running() {
        return !tracked.isEmpty();
    }

    /** Completes (never exceptionally) once none of the runbooks tracked now runs any more. */
    CompletableFuture<Void> idle() {
        return CompletableFuture.allOf(tracked.stream().map(r -> r.ended).toArray(CompletableFuture[]::new));
    }

    /** Asks every runbook that runs or waits now to stop safely; one asked for later is not affected. */
    void requestStop() {
        tracked.forEach(r -> r.stopRequested.set(true));
    }

    /** @return whether every runbook ended within {@code limit} (those asked for meanwhile too) */
    boolean awaitIdle(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        try {
            while (running()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    idle().get(left, TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    return false;
                } catch (ExecutionException e) {
                    // never: the ended futures only complete normally
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
