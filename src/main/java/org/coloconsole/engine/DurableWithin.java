package org.coloconsole.engine;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.coloconsole.colo.Side;
import org.coloconsole.qmp.QmpEvent;

/**
 * An audit trail whose durable writes give up after a bound: a hung disk (an NFS server gone, a controller that
 * stopped answering) blocks {@code force} with no end, and a runbook waiting on it would stay "running" for ever.
 * A write that does not confirm in time counts as failed, so the runbook stops before it sends anything that
 * promotes ({@link FailoverRunner} refuses to go on without its intent on disk). The write itself goes on on its own
 * thread and may still land; later durable writes queue behind it and fail the same way while it hangs.
 */
public final class DurableWithin implements AuditTrail {
    private final AuditTrail trail;
    private final Duration limit;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(runnable -> {
        Thread t = new Thread(runnable, "journal-durable");
        t.setDaemon(true);
        return t;
    });

    public DurableWithin(AuditTrail trail, Duration limit) {
        this.trail = trail;
        this.limit = limit;
    }

    @Override
    public void event(Side side, QmpEvent event) {
        trail.event(side, event);
    }

    @Override
    public void record(AuditKind kind, Side side, Instant at, Map<String, Object> fields) {
        trail.record(kind, side, at, fields);
    }

    @Override
    public void durable(AuditKind kind, Side side, Instant at, Map<String, Object> fields) throws IOException {
        CompletableFuture<Void> written = new CompletableFuture<>();
        writer.execute(() -> {
            try {
                trail.durable(kind, side, at, fields);
                written.complete(null);
            } catch (IOException | RuntimeException e) {
                written.completeExceptionally(e);
            }
        });
        try {
            written.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IOException("the journal did not confirm the write within " + limit.toSeconds()
                    + " s (is its disk hanging?); it counts as not recorded", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException(String.valueOf(cause.getMessage()), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted before the journal confirmed the write; it counts as not recorded", e);
        }
    }

    @Override
    public JournalHealth health() {
        return trail.health();
    }

    @Override
    public String location() {
        return trail.location();
    }

    @Override
    public void close() {
        writer.shutdown();
        trail.close();
    }
}
