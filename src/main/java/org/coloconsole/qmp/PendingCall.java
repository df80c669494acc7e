package org.coloconsole.qmp;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/** A command waiting to be sent or answered. */
final class PendingCall {
    final long id;
    final String command;
    final byte[] frame;
    final Duration timeout;
    final CompletableFuture<QmpValue> result = new CompletableFuture<>();
    volatile ScheduledFuture<?> timer;
    /** True once it holds one of the in-flight slots (guarded by the client's lock). */
    boolean holdsSlot;

    PendingCall(long id, String command, byte[] frame, Duration timeout) {
        this.id = id;
        this.command = command;
        this.frame = frame;
        this.timeout = timeout;
    }

    boolean complete(QmpValue value) {
        cancelTimer();
        return result.complete(value);
    }

    boolean fail(Throwable error) {
        cancelTimer();
        return result.completeExceptionally(error);
    }

    private void cancelTimer() {
        ScheduledFuture<?> t = timer;
        if (t != null) {
            t.cancel(false);
        }
    }
}
