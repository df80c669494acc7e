package org.coloconsole.bench;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.coloconsole.qmp.Endpoint;

/**
 * {@link RawQmpClient} with the shape of an asynchronous client and nothing else: a reader thread of its own completes
 * a future the caller waits on. No JSON, no routing, no timers. Sent the same bytes, the gap between this and
 * {@link RawQmpClient} is what the reader-thread design costs by itself; the gap between this and our client is what
 * our code costs.
 */
final class RawThreadedQmpClient implements AutoCloseable {
    private final RawQmpClient raw;
    private final Thread reader;
    private volatile CompletableFuture<Void> current;

    RawThreadedQmpClient(Endpoint endpoint) throws IOException {
        raw = new RawQmpClient(endpoint);
        reader = new Thread(this::readLoop, "raw-threaded-reader");
        reader.setDaemon(true);
        reader.start();
    }

    void call(byte[] command) throws IOException, InterruptedException {
        CompletableFuture<Void> reply = new CompletableFuture<>();
        current = reply;
        raw.send(command);
        try {
            reply.get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
            throw new IOException("no reply: " + e, e);
        }
    }

    private void readLoop() {
        try {
            while (true) {
                raw.awaitReturn();
                CompletableFuture<Void> reply = current;
                if (reply != null) {
                    reply.complete(null);
                }
            }
        } catch (IOException e) {
            CompletableFuture<Void> reply = current;
            if (reply != null) {
                reply.completeExceptionally(e);
            }
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        raw.close();
        reader.join(5_000);
    }
}
