package org.coloconsole.ui;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sessions still closing after the window went: closing one waits for a running failover's outcome (the engine's
 * runner never cuts a runbook off), and that must not be cut off either by the process ending under it. The launcher
 * waits here after the last window closed, before the process exits.
 */
public final class PendingCloses {
    private final List<CompletableFuture<?>> pending = new CopyOnWriteArrayList<>();

    void track(CompletableFuture<?> closing) {
        pending.add(closing);
        closing.whenComplete((done, failure) -> pending.remove(closing));
    }

    /** @return whether every close ended within {@code limit} */
    public boolean awaitAll(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        for (CompletableFuture<?> closing : List.copyOf(pending)) {
            try {
                closing.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                return false;
            } catch (ExecutionException e) {
                // it ended; its failure was said where it happened
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
