package org.coloconsole.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.coloconsole.qmp.QmpClient;
import org.coloconsole.qmp.QmpClientOptions;
import org.coloconsole.qmp.QmpValue;

/**
 * The clients one test made: each gets a name of its own, all are closed together, and none may leave a thread behind.
 */
public final class ClientsUnderTest implements AutoCloseable {
    private final String prefix;
    private final Duration wait;
    private final List<QmpClient> clients = new ArrayList<>();
    private final List<String> names = new ArrayList<>();

    public ClientsUnderTest(String prefix, Duration wait) {
        this.prefix = prefix + Integer.toHexString(System.identityHashCode(this));
        this.wait = wait;
    }

    /**
     * Options with a name no other client of this JVM has, so its threads can be told apart. The handshake may take
     * up to 10 s: QEMU serves one client a monitor, and on a loaded machine it can still be closing the fixture's
     * readiness probe when a test connects (tests of a missing greeting set their own, shorter deadline).
     */
    public QmpClientOptions options() {
        return QmpClientOptions.defaults(prefix + "-" + (names.size() + 1)).withHandshakeTimeout(Duration.ofSeconds(10));
    }

    public QmpClient client() {
        return client(options());
    }

    public QmpClient client(QmpClientOptions options) {
        QmpClient client = new QmpClient(options);
        clients.add(client);
        names.add(options.name());
        return client;
    }

    public QmpValue reply(CompletableFuture<QmpValue> call) throws Exception {
        return call.get(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    public Throwable failureOf(CompletableFuture<?> future) {
        assertThatThrownBy(() -> future.get(wait.toMillis(), TimeUnit.MILLISECONDS))
                .isInstanceOf(ExecutionException.class);
        return future.handle((value, error) -> error).join();
    }

    /** Every reader, timer and subscriber thread of these clients must be gone. */
    public void assertNoThreadLeft(String test) {
        await().atMost(wait).untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet())
                .filteredOn(Thread::isAlive)
                .extracting(Thread::getName)
                .filteredOn(name -> names.stream().anyMatch(c -> name.startsWith("qmp-" + c + "-")))
                .as("threads left behind by " + test)
                .isEmpty());
    }

    @Override
    public void close() {
        clients.forEach(QmpClient::close);
    }
}
