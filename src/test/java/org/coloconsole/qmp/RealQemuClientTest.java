package org.coloconsole.qmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.coloconsole.testing.ClientsUnderTest;
import org.coloconsole.testing.TestedQemu;
import org.coloconsole.testing.QemuMonitorProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The client against a real QEMU ({@code -machine none}), over its UNIX and its TCP monitor, through faults: the
 * system's 7.2 here, 10.0 in {@link RealQemuClientOnQemu10Test}.
 */
class RealQemuClientTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    enum Via { UNIX, TCP }

    private QemuMonitorProcess qemu;
    private final ClientsUnderTest clients = new ClientsUnderTest("real", WAIT);

    /** Which QEMU: a subclass runs every test against another one. */
    TestedQemu qemuBinary() {
        return TestedQemu.SYSTEM;
    }

    @BeforeEach
    void startQemu() throws Exception {
        qemu = QemuMonitorProcess.start(qemuBinary(), 1, 1);
    }

    @AfterEach
    void stopEverything(TestInfo info) {
        try {
            clients.close();
        } finally {
            qemu.close();
        }
        clients.assertNoThreadLeft(info.getDisplayName());
    }

    private QmpClient client(QmpClientOptions options) {
        return clients.client(options);
    }

    private QmpClient client() {
        return client(options());
    }

    private QmpClientOptions options() {
        return clients.options();
    }

    private Endpoint endpoint(Via transport) {
        return transport == Via.UNIX ? qemu.unixEndpoint() : qemu.tcpEndpoint();
    }

    private QmpValue reply(CompletableFuture<QmpValue> call) throws Exception {
        return clients.reply(call);
    }

    private Throwable failureOf(CompletableFuture<?> future) {
        return clients.failureOf(future);
    }

    @ParameterizedTest(name = "over {0}")
    @EnumSource(Via.class)
    void greetsWithItsVersionAndOffersOob(Via transport) throws Exception {
        QmpClient client = client();
        QmpGreeting greeting = client.connect(endpoint(transport));

        assertThat(greeting.version().major()).isEqualTo(qemuBinary().major());
        assertThat(greeting.version().minor()).isEqualTo(qemuBinary().minor());
        assertThat(greeting.offers("oob")).isTrue();
        assertThat(client.state()).isEqualTo(QmpClientState.RUNNING);
        assertThat(client.greeting()).contains(greeting);
        QmpValue version = reply(client.execute("query-version"));
        assertThat(version.get("qemu").integer("major")).hasValue(qemuBinary().major());
    }

    @ParameterizedTest(name = "over {0}")
    @EnumSource(Via.class)
    void queryStatusSaysRunning(Via transport) throws Exception {
        QmpClient client = client();
        client.connect(endpoint(transport));

        QmpValue status = reply(client.execute("query-status"));

        assertThat(status.string("status")).contains("running");
        assertThat(status.bool("running")).contains(true);
    }

    @ParameterizedTest(name = "over {0}")
    @EnumSource(Via.class)
    void stopAndContAnswerAndEmitStopAndResume(Via transport) throws Exception {
        QmpClient client = client();
        List<QmpEvent> events = new CopyOnWriteArrayList<>();
        client.subscribe(Set.of("STOP", "RESUME"), events::add);
        client.connect(endpoint(transport));

        // QEMU may send STOP before stop's reply: wait for both, in whichever order they come
        assertThat(reply(client.execute("stop")).keys()).isEmpty();
        await().atMost(WAIT).until(() -> names(events).contains("STOP"));
        assertThat(reply(client.execute("query-status")).string("status")).contains("paused");

        assertThat(reply(client.execute("cont")).keys()).isEmpty();
        await().atMost(WAIT).until(() -> names(events).contains("RESUME"));
        assertThat(reply(client.execute("query-status")).string("status")).contains("running");

        assertThat(names(events)).containsExactly("STOP", "RESUME");
        for (QmpEvent event : events) {
            assertThat(event.timestamp().known()).isTrue();
            assertThat(event.timestamp().seconds()).isPositive();
            assertThat(event.receivedAt()).isNotNull();
        }
    }

    @ParameterizedTest(name = "over {0}")
    @EnumSource(Via.class)
    void theLargeSchemaReplyParses(Via transport) throws Exception {
        QmpClient client = client();
        client.connect(endpoint(transport));

        QmpValue schema = reply(client.execute("query-qmp-schema"));

        assertThat(schema.isArray()).isTrue();
        assertThat(schema.toJson().length()).isGreaterThan(100_000);
        assertThat(schema.elements())
                .anySatisfy(entity -> {
                    assertThat(entity.string("meta-type")).contains("command");
                    assertThat(entity.string("name")).contains("query-status");
                })
                .anySatisfy(entity -> {
                    assertThat(entity.string("meta-type")).contains("event");
                    assertThat(entity.string("name")).contains("COLO_EXIT");
                });
        // the connection is still usable after a reply that size
        assertThat(reply(client.execute("query-status")).string("status")).contains("running");
    }

    @ParameterizedTest(name = "over {0}")
    @EnumSource(Via.class)
    void anUnknownCommandFailsWithCommandNotFound(Via transport) throws Exception {
        QmpClient client = client();
        client.connect(endpoint(transport));

        Throwable failure = failureOf(client.execute("no-such-command"));

        assertThat(failure).isInstanceOf(QmpCommandException.class);
        QmpCommandException error = (QmpCommandException) failure;
        assertThat(error.errorClass()).isEqualTo("CommandNotFound");
        assertThat(error.command()).isEqualTo("no-such-command");
        assertThat(client.state()).isEqualTo(QmpClientState.RUNNING);
        assertThat(reply(client.execute("query-status")).string("status")).contains("running");
    }

    @ParameterizedTest(name = "over {0}")
    @EnumSource(Via.class)
    void aSecondClientGetsNoGreetingWhileTheFirstHoldsTheMonitor(Via transport) throws Exception {
        QmpClient first = client();
        first.connect(endpoint(transport));
        Duration handshake = Duration.ofMillis(500);
        QmpClient second = client(options().withHandshakeTimeout(handshake));
        List<QmpStateChange> secondChanges = new CopyOnWriteArrayList<>();
        second.onStateChange(secondChanges::add);

        CompletableFuture<Throwable> attempt = CompletableFuture.supplyAsync(() -> {
            try {
                second.connect(endpoint(transport));
                return null;
            } catch (QmpException e) {
                return e;
            }
        });
        Throwable failure = attempt.get(handshake.toMillis() + WAIT.toMillis(), TimeUnit.MILLISECONDS);

        assertThat(failure).isInstanceOf(QmpConnectException.class);
        assertThat(((QmpConnectException) failure).reason()).isEqualTo(QmpConnectException.Reason.NO_GREETING);
        assertThat(failure.getMessage()).contains("another client may hold this monitor");
        assertThat(second.state()).isEqualTo(QmpClientState.IDLE);
        await().atMost(WAIT).until(() -> secondChanges.size() == 2);
        assertThat(secondChanges).extracting(QmpStateChange::to)
                .containsExactly(QmpClientState.CONNECTING, QmpClientState.IDLE);
        // the holder is unaffected, and once it leaves the monitor greets the second client
        assertThat(reply(first.execute("query-status")).string("status")).contains("running");
        first.disconnect();
        second.connect(endpoint(transport));
        assertThat(reply(second.execute("query-status")).string("status")).contains("running");
    }

    @ParameterizedTest(name = "over {0}")
    @EnumSource(Via.class)
    void pendingCallsFailAtOnceWhenQemuIsKilled(Via transport) throws Exception {
        QmpClient client = client();
        List<QmpStateChange> changes = new CopyOnWriteArrayList<>();
        client.onStateChange(changes::add);
        client.connect(endpoint(transport));

        qemu.freeze();
        List<CompletableFuture<QmpValue>> calls = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            calls.add(client.execute("query-status", null, Duration.ofMinutes(1)));
        }
        Thread.sleep(100);
        assertThat(calls).noneMatch(CompletableFuture::isDone);
        qemu.kill();

        // "promptly": far below the one-minute call timeout
        for (CompletableFuture<QmpValue> call : calls) {
            Throwable failure = failureOf(call);
            assertThat(failure).isInstanceOf(QmpInterruptedException.class);
            assertThat(failure.getCause()).isInstanceOf(QmpDisconnectedException.class);
        }
        await().atMost(WAIT).until(() -> client.state() == QmpClientState.IDLE);
        assertThat(client.lastFailure()).get().isInstanceOf(QmpDisconnectedException.class);
        await().atMost(WAIT).until(() -> changes.size() == 4);
        assertThat(changes).extracting(QmpStateChange::to).containsExactly(QmpClientState.CONNECTING,
                QmpClientState.RUNNING, QmpClientState.DISCONNECTING, QmpClientState.IDLE);
        assertThat(changes.get(3).cause()).isInstanceOf(QmpDisconnectedException.class);
        assertThat(client.execute("query-status")).isCompletedExceptionally();
    }

    @ParameterizedTest(name = "over {0}")
    @EnumSource(Via.class)
    void aFrozenQemuTimesACommandOutAndAnswersAgainAfterThaw(Via transport) throws Exception {
        QmpClient client = client();
        client.connect(endpoint(transport));

        qemu.freeze();
        Throwable failure;
        try {
            failure = failureOf(client.execute("query-status", null, Duration.ofMillis(300)));
        } finally {
            qemu.thaw();
        }

        assertThat(failure).isInstanceOf(QmpTimeoutException.class);
        assertThat(client.state()).isEqualTo(QmpClientState.RUNNING);
        // the late reply to the timed-out call carries an id nobody waits for: dropped, not misrouted
        QmpValue status = reply(client.execute("query-status"));
        assertThat(status.string("status")).contains("running");
        assertThat(reply(client.execute("query-name")).isObject()).isTrue();
        assertThat(client.state()).isEqualTo(QmpClientState.RUNNING);
    }

    @ParameterizedTest(name = "over {0}")
    @EnumSource(Via.class)
    void theSessionReconnectsAfterQemuIsKilledAndStartedAgain(Via transport) throws Exception {
        QmpClient client = client();
        List<ReconnectEvent> events = new CopyOnWriteArrayList<>();
        List<String> resyncs = new CopyOnWriteArrayList<>();
        Backoff fast = new ExponentialBackoff(Duration.ofMillis(50), Duration.ofMillis(400), 0.2, new Random(1));
        try (ExecutorScheduler scheduler = new ExecutorScheduler("qmp-" + client.options().name() + "-reconnect");
             ReconnectingSession session = new ReconnectingSession(client, endpoint(transport), fast, scheduler,
                     c -> c.execute("query-status").thenAccept(status -> resyncs.add(
                             c.state() + ":" + status.string("status").orElse("?"))))) {
            session.onEvent(events::add);
            session.start();
            await().atMost(WAIT).until(() -> events.contains(new ReconnectEvent.Resynced(false)));
            assertThat(resyncs).containsExactly("RUNNING:running");
            assertThat(session.attempts()).isZero();

            qemu.kill();
            await().atMost(WAIT).until(() -> events.stream().anyMatch(e -> e instanceof ReconnectEvent.Lost));
            // while QEMU is gone, attempts fail and count up
            await().atMost(WAIT).until(() -> events.stream().filter(e -> e instanceof ReconnectEvent.AttemptFailed)
                    .count() >= 2);
            assertThat(session.attempts()).isGreaterThanOrEqualTo(2);
            assertThat(resyncs).hasSize(1);

            qemu.restart();
            await().atMost(WAIT).until(() -> events.contains(new ReconnectEvent.Resynced(true)));

            assertThat(resyncs).containsExactly("RUNNING:running", "RUNNING:running");
            int connected = indexOf(events, e -> e instanceof ReconnectEvent.Connected c && c.reconnect());
            int resynced = events.indexOf(new ReconnectEvent.Resynced(true));
            int lastFailed = lastIndexOf(events, e -> e instanceof ReconnectEvent.AttemptFailed);
            assertThat(lastFailed).isLessThan(connected);
            assertThat(connected).isLessThan(resynced);
            assertThat(session.attempts()).isZero();
            assertThat(client.state()).isEqualTo(QmpClientState.RUNNING);
            assertThat(reply(client.execute("query-status")).string("status")).contains("running");
            assertThat(events.get(connected)).isInstanceOfSatisfying(ReconnectEvent.Connected.class,
                    c -> assertThat(c.greeting().version().minor()).isEqualTo(qemuBinary().minor()));
        }
        assertThat(events.get(events.size() - 1)).isEqualTo(new ReconnectEvent.Stopped());
        assertThat(client.state()).isEqualTo(QmpClientState.IDLE);
    }

    private static List<String> names(List<QmpEvent> events) {
        List<String> names = new ArrayList<>();
        events.forEach(e -> names.add(e.name()));
        return names;
    }

    private static int indexOf(List<ReconnectEvent> events, java.util.function.Predicate<ReconnectEvent> test) {
        for (int i = 0; i < events.size(); i++) {
            if (test.test(events.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(List<ReconnectEvent> events, java.util.function.Predicate<ReconnectEvent> test) {
        for (int i = events.size() - 1; i >= 0; i--) {
            if (test.test(events.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
