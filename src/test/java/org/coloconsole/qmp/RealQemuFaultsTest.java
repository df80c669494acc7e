package org.coloconsole.qmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.coloconsole.testing.ClientsUnderTest;
import org.coloconsole.testing.TestedQemu;
import org.coloconsole.testing.QemuMonitorProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * More of the client against a real QEMU (the system's 7.2 here, 10.0 in {@link RealQemuFaultsOnQemu10Test}): a kill in the middle of large replies, pipelining with events,
 * out-of-band commands, events on every monitor, connecting to a frozen or dead QEMU, reconnecting the same client.
 */
class RealQemuFaultsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    enum Via { UNIX, TCP }

    private QemuMonitorProcess qemu;
    private final ClientsUnderTest clients = new ClientsUnderTest("faults", WAIT);

    /** Which QEMU: a subclass runs every test against another one. */
    TestedQemu qemuBinary() {
        return TestedQemu.SYSTEM;
    }

    @BeforeEach
    void startQemu() throws Exception {
        // two UNIX monitors, so that two clients can be connected at once
        qemu = QemuMonitorProcess.start(qemuBinary(), 2, 1);
    }

    @AfterEach
    void stopEverything() {
        try {
            clients.close();
        } finally {
            qemu.close();
        }
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
    void aKillWhileLargeRepliesStreamInterruptsEveryPendingCall(Via transport) throws Exception {
        QmpClient client = client();
        client.connect(endpoint(transport));
        List<CompletableFuture<QmpValue>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(client.execute("query-qmp-schema", null, Duration.ofMinutes(1)));
        }
        // let the first replies start to flow, then kill QEMU in the middle of the stream
        calls.get(0).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        qemu.kill();

        int interrupted = 0;
        for (CompletableFuture<QmpValue> call : calls) {
            Throwable failure = call.handle((value, error) -> error)
                    .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (failure == null) {
                // a reply that was complete before the kill is a reply
                assertThat(call.join().isArray()).isTrue();
                continue;
            }
            interrupted++;
            assertThat(failure).isInstanceOf(QmpInterruptedException.class);
            // the kill can cut a line in half (TRUNCATED_LINE) or fall between lines (disconnected)
            assertThat(failure.getCause()).isInstanceOfAny(QmpDisconnectedException.class,
                    QmpProtocolException.class);
            assertThat(failure.getCause()).isSameAs(client.lastFailure().orElseThrow());
        }
        assertThat(interrupted).isPositive();
        await().atMost(WAIT).until(() -> client.state() == QmpClientState.IDLE);
    }

    @ParameterizedTest(name = "over {0}")
    @EnumSource(Via.class)
    void pipelinedStopsAndContsAnswerInOrderAndTheirEventsAlternate(Via transport) throws Exception {
        QmpClient client = client(options().withMaxInFlight(8));
        List<String> events = new CopyOnWriteArrayList<>();
        client.subscribe(Set.of("STOP", "RESUME"), e -> events.add(e.name()));
        client.connect(endpoint(transport));

        List<CompletableFuture<QmpValue>> calls = new ArrayList<>();
        List<CompletableFuture<QmpValue>> statuses = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(client.execute("stop"));
            statuses.add(client.execute("query-status"));
            calls.add(client.execute("cont"));
        }
        for (CompletableFuture<QmpValue> call : calls) {
            assertThat(reply(call).keys()).isEmpty();
        }
        // QEMU runs one monitor's commands in order: each query-status sits between its stop and cont
        for (CompletableFuture<QmpValue> status : statuses) {
            assertThat(reply(status).string("status")).contains("paused");
        }
        await().atMost(WAIT).until(() -> events.size() == 40);
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i)).as("event %d", i).isEqualTo(i % 2 == 0 ? "STOP" : "RESUME");
        }
        assertThat(reply(client.execute("query-status")).bool("running")).contains(true);
    }

    @ParameterizedTest(name = "over {0}")
    @EnumSource(Via.class)
    void anOutOfBandQueryYankListsTheMonitors(Via transport) throws Exception {
        QmpClient client = client();
        client.connect(endpoint(transport));

        QmpValue instances = reply(client.executeOob("query-yank", Map.of()));

        // one chardev per monitor (two UNIX, one TCP); "migration" appears only while a migration runs
        assertThat(instances.elements()).extracting(i -> i.string("type").orElse("?"))
                .containsExactly("chardev", "chardev", "chardev");
        // and a command that may not run out of band is refused by QEMU, the session going on
        Throwable refused = failureOf(client.executeOob("query-status", Map.of()));
        assertThat(refused).isInstanceOf(QmpCommandException.class);
        assertThat(client.state()).isEqualTo(QmpClientState.RUNNING);
        assertThat(reply(client.execute("query-status")).string("status")).contains("running");
    }

    @Test
    void everyMonitorGetsTheSameEvents() throws Exception {
        QmpClient first = client();
        QmpClient second = client();
        List<QmpEvent> seenByFirst = new CopyOnWriteArrayList<>();
        List<QmpEvent> seenBySecond = new CopyOnWriteArrayList<>();
        first.subscribe(Set.of(), seenByFirst::add);
        second.subscribe(Set.of(), seenBySecond::add);
        first.connect(qemu.unixEndpoint(0));
        second.connect(qemu.unixEndpoint(1));

        reply(first.execute("stop"));
        reply(first.execute("cont"));

        await().atMost(WAIT).until(() -> seenBySecond.size() == 2 && seenByFirst.size() == 2);
        assertThat(seenBySecond).extracting(QmpEvent::name).containsExactly("STOP", "RESUME");
        // the same event, stamped once by QEMU
        for (int i = 0; i < 2; i++) {
            assertThat(seenBySecond.get(i).timestamp()).isEqualTo(seenByFirst.get(i).timestamp());
            assertThat(seenBySecond.get(i).name()).isEqualTo(seenByFirst.get(i).name());
        }
    }

    @ParameterizedTest(name = "over {0}")
    @EnumSource(Via.class)
    void lostHeartbeatOutsideColoIsAGenericErrorNotADisconnect(Via transport) throws Exception {
        QmpClient client = client();
        client.connect(endpoint(transport));

        Throwable failure = failureOf(client.execute("x-colo-lost-heartbeat"));

        assertThat(failure).isInstanceOfSatisfying(QmpCommandException.class,
                e -> assertThat(e.errorClass()).isEqualTo("GenericError"));
        assertThat(client.state()).isEqualTo(QmpClientState.RUNNING);
    }

    @ParameterizedTest(name = "over {0}")
    @EnumSource(Via.class)
    void connectingToAFrozenQemuIsNoGreetingWithinTheHandshakeTimeout(Via transport) throws Exception {
        QmpClient client = client(options().withHandshakeTimeout(Duration.ofMillis(500)));
        qemu.freeze();
        try {
            // the kernel completes the connection for a stopped process; only the greeting never comes
            assertThatThrownBy(() -> client.connect(endpoint(transport)))
                    .isInstanceOfSatisfying(QmpConnectException.class,
                            e -> assertThat(e.reason()).isEqualTo(QmpConnectException.Reason.NO_GREETING));
        } finally {
            qemu.thaw();
        }
        assertThat(client.state()).isEqualTo(QmpClientState.IDLE);
        // once thawed, QEMU has dropped the abandoned connection and greets the next one
        await().atMost(WAIT).ignoreExceptions().until(() -> {
            client.connect(endpoint(transport));
            return true;
        });
        assertThat(reply(client.execute("query-status")).string("status")).contains("running");
    }

    @ParameterizedTest(name = "over {0}")
    @EnumSource(Via.class)
    void connectingToAKilledQemuIsRefused(Via transport) throws Exception {
        qemu.kill();
        QmpClient client = client();

        assertThatThrownBy(() -> client.connect(endpoint(transport)))
                .isInstanceOfSatisfying(QmpConnectException.class,
                        e -> assertThat(e.reason()).isEqualTo(QmpConnectException.Reason.REFUSED))
                // over TCP a refusal may be a firewall's: the words claim no more than that (DeathEvidence)
                .hasMessageContaining(transport == Via.UNIX ? "nothing is listening" : "refused the connection");
        assertThat(client.state()).isEqualTo(QmpClientState.IDLE);
    }

    @ParameterizedTest(name = "over {0}")
    @EnumSource(Via.class)
    void theSameClientConnectsAgainAfterARestartAndItsSubscriptionSurvives(Via transport) throws Exception {
        QmpClient client = client();
        List<String> events = new CopyOnWriteArrayList<>();
        client.subscribe(Set.of("STOP"), e -> events.add(e.name()));
        client.connect(endpoint(transport));
        long firstPid = qemu.pid();

        qemu.restart();
        await().atMost(WAIT).until(() -> client.state() == QmpClientState.IDLE);
        client.connect(endpoint(transport));
        reply(client.execute("stop"));

        assertThat(qemu.pid()).isNotEqualTo(firstPid);
        await().atMost(WAIT).until(() -> events.size() == 1);
        assertThat(reply(client.execute("query-status")).string("status")).contains("paused");
    }
}
