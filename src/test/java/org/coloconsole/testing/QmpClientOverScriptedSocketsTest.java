package org.coloconsole.testing;

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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.coloconsole.qmp.QmpClient;
import org.coloconsole.qmp.QmpClientOptions;
import org.coloconsole.qmp.QmpClientState;
import org.coloconsole.qmp.QmpCommandException;
import org.coloconsole.qmp.QmpConnectException;
import org.coloconsole.qmp.QmpDisconnectedException;
import org.coloconsole.qmp.QmpEvent;
import org.coloconsole.qmp.QmpInterruptedException;
import org.coloconsole.qmp.QmpProtocolException;
import org.coloconsole.qmp.QmpStateChange;
import org.coloconsole.qmp.QmpStateException;
import org.coloconsole.qmp.QmpTimeoutException;
import org.coloconsole.qmp.QmpValue;
import org.coloconsole.testing.ScriptedQmpServer.Transport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The real {@link QmpClient} against {@link ScriptedQmpServer} over both socket kinds QEMU offers: the UNIX path
 * ({@code SocketChannel}) and the TCP path ({@code Socket}) read and fail differently, so each edge case runs on both.
 */
class QmpClientOverScriptedSocketsTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final AtomicInteger NAMES = new AtomicInteger();

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private ScriptedQmpServer server(Transport transport, QmpScript... scripts) throws Exception {
        ScriptedQmpServer server = ScriptedQmpServer.start(transport, scripts);
        toClose.add(server);
        return server;
    }

    private QmpClient client(QmpClientOptions options) {
        QmpClient client = new QmpClient(options);
        toClose.add(client);
        return client;
    }

    private QmpClient client() {
        return client(options());
    }

    private static QmpClientOptions options() {
        return QmpClientOptions.defaults("scripted" + NAMES.incrementAndGet());
    }

    private static Throwable failureOf(CompletableFuture<?> future) {
        assertThatThrownBy(() -> future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                .isInstanceOf(ExecutionException.class);
        return future.handle((value, error) -> error).join();
    }

    private static QmpValue reply(CompletableFuture<QmpValue> call) throws Exception {
        return call.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The session ends with this cause: state IDLE, the pending call interrupted with the cause kept. */
    private static QmpProtocolException assertSessionEndedBy(QmpClient client, CompletableFuture<?> pending,
                                                            QmpProtocolException.Kind kind) {
        Throwable failure = failureOf(pending);
        assertThat(failure).isInstanceOf(QmpInterruptedException.class);
        assertThat(failure.getCause()).isInstanceOf(QmpProtocolException.class);
        QmpProtocolException cause = (QmpProtocolException) failure.getCause();
        assertThat(cause.kind()).isEqualTo(kind);
        await().atMost(WAIT).until(() -> client.state() == QmpClientState.IDLE);
        assertThat(client.lastFailure()).containsSame(cause);
        return cause;
    }

    @ParameterizedTest(name = "over {0}")
    @EnumSource(Transport.class)
    void negotiatesOobAndSendsCommandsWithNumericIdsAndArguments(Transport transport) throws Exception {
        ScriptedQmpServer server = server(transport, QmpScript.negotiated()
                .expect("migrate-set-parameters").reply("{}")
                .expect("query-status").reply("{\"status\": \"running\", \"running\": true}"));
        QmpClient client = client();

        assertThat(client.connect(server.endpoint()).version().major()).isEqualTo(7);
        assertThat(reply(client.execute("migrate-set-parameters", Map.of("x-checkpoint-delay", 2000)))
                .keys()).isEmpty();
        assertThat(reply(client.execute("query-status")).string("status")).contains("running");

        List<Captured> sent = server.connection().captured();
        assertThat(sent.get(0).arguments().get("enable").elements()).extracting(QmpValue::asText)
                .containsExactly("oob");
        assertThat(sent.get(1).arguments().integer("x-checkpoint-delay")).hasValue(2000);
        // ids are small numbers; a finished call's id may be used again (the client takes the lowest free one)
        assertThat(sent).allSatisfy(line -> assertThat(line.id().isNumber()).isTrue());
        assertThat(sent.get(2).arguments().isMissing()).isTrue();
        server.verify(WAIT);
    }

    @ParameterizedTest(name = "over {0}")
    @EnumSource(Transport.class)
    void aGreetingWithoutOobNegotiatesWithoutArgumentsAndRefusesOobCalls(Transport transport) throws Exception {
        ScriptedQmpServer server = server(transport, QmpScript.empty()
                .send("{\"QMP\": {\"version\": {\"qemu\": {\"micro\": 0, \"minor\": 0, \"major\": 6}, "
                        + "\"package\": \"\"}, \"capabilities\": []}}")
                .expect("qmp_capabilities").reply("{}"));
        QmpClient client = client();
        client.connect(server.endpoint());

        assertThat(server.connection().awaitCaptured(1, WAIT).get(0).arguments().isMissing()).isTrue();
        assertThat(failureOf(client.executeOob("yank", Map.of("instances", List.of()))))
                .isInstanceOf(QmpStateException.class).hasMessageContaining("oob");
        assertThat(client.state()).isEqualTo(QmpClientState.RUNNING);
    }

    @ParameterizedTest(name = "over {0}")
    @EnumSource(Transport.class)
    void anEventBeforeTheReplyOfItsCommandArrivesAndTheReplyStillRoutes(Transport transport) throws Exception {
        ScriptedQmpServer server = server(transport, QmpScript.negotiated()
                .expect("stop").event("STOP", null).reply("{}"));
        QmpClient client = client();
        List<QmpEvent> events = new CopyOnWriteArrayList<>();
        client.subscribe(Set.of("STOP"), events::add);
        client.connect(server.endpoint());

        assertThat(reply(client.execute("stop")).keys()).isEmpty();
        await().atMost(WAIT).until(() -> events.size() == 1);
        assertThat(events.get(0).timestamp().seconds()).isEqualTo(1764100000L);
        assertThat(events.get(0).timestamp().microseconds()).isEqualTo(123456L);
    }

    @ParameterizedTest(name = "over {0}")
    @EnumSource(Transport.class)
    void repliesOutOfOrderRouteById(Transport transport) throws Exception {
        ScriptedQmpServer server = server(transport, QmpScript.negotiated()
                .expectAnyLine().expectAnyLine().expectAnyLine()
                .replyTo(3, "{\"return\": \"third\"}")
                .replyTo(1, "{\"return\": \"first\"}")
                .replyTo(2, "{\"error\": {\"class\": \"DeviceNotFound\", \"desc\": \"no such thing\"}}"));
        QmpClient client = client();
        client.connect(server.endpoint());

        CompletableFuture<QmpValue> first = client.execute("one");
        CompletableFuture<QmpValue> second = client.execute("two");
        CompletableFuture<QmpValue> third = client.execute("three");
        // calls pending at the same time never share an id
        assertThat(server.connection().awaitCaptured(4, WAIT).subList(1, 4))
                .extracting(line -> line.id().asLong(-1)).doesNotHaveDuplicates();

        assertThat(reply(first).asText()).isEqualTo("first");
        assertThat(reply(third).asText()).isEqualTo("third");
        Throwable error = failureOf(second);
        assertThat(error).isInstanceOf(QmpCommandException.class);
        assertThat(((QmpCommandException) error).errorClass()).isEqualTo("DeviceNotFound");
        assertThat(((QmpCommandException) error).command()).isEqualTo("two");
    }

    @ParameterizedTest(name = "over {0}")
    @EnumSource(Transport.class)
    void garbageEndsTheSessionAsMalformedJson(Transport transport) throws Exception {
        ScriptedQmpServer server = server(transport, QmpScript.negotiated()
                .expect("query-status").sendRaw("}}} this is not JSON {{{\r\n"));
        QmpClient client = client();
        client.connect(server.endpoint());

        assertSessionEndedBy(client, client.execute("query-status"), QmpProtocolException.Kind.MALFORMED_JSON);
        server.connection().awaitClientLeft(WAIT);
    }

    @ParameterizedTest(name = "over {0}")
    @EnumSource(Transport.class)
    void invalidUtf8EndsTheSessionAsInvalidUtf8(Transport transport) throws Exception {
        byte[] badString = {'{', '"', 'e', 'v', 'e', 'n', 't', '"', ':', ' ', '"', (byte) 0xC3, (byte) 0x28, '"', '}',
                '\r', '\n'};
        ScriptedQmpServer server = server(transport, QmpScript.negotiated()
                .expect("query-status").sendRaw(badString));
        QmpClient client = client();
        client.connect(server.endpoint());

        assertSessionEndedBy(client, client.execute("query-status"), QmpProtocolException.Kind.INVALID_UTF8);
    }

    @ParameterizedTest(name = "over {0}")
    @EnumSource(Transport.class)
    void aLineOverTheLimitEndsTheSessionWithoutReadingItAll(Transport transport) throws Exception {
        ScriptedQmpServer server = server(transport, QmpScript.negotiated()
                .expect("query-qmp-schema").sendLongLine(200_000));
        QmpClient client = client(options().withMaxLineBytes(64 * 1024));
        client.connect(server.endpoint());

        assertThat(assertSessionEndedBy(client, client.execute("query-qmp-schema"),
                QmpProtocolException.Kind.LINE_TOO_LONG)).hasMessageContaining("65536");
    }

    @ParameterizedTest(name = "over {0}")
    @EnumSource(Transport.class)
    void aLineJustUnderTheLimitIsAccepted(Transport transport) throws Exception {
        StringBuilder big = new StringBuilder("{\"return\": \"");
        int limit = 64 * 1024;
        while (big.length() < limit - 40) {
            big.append('y');
        }
        String body = big.append("\"}").toString();
        ScriptedQmpServer server = server(transport, QmpScript.negotiated()
                .expect("query-qmp-schema").then("reply near the limit", c -> c.sendLine(QmpScript.replyTo(c.last(),
                        body))));
        QmpClient client = client(options().withMaxLineBytes(limit));
        client.connect(server.endpoint());

        assertThat(reply(client.execute("query-qmp-schema")).asText()).hasSize(limit - 40 - 12);
    }

    @ParameterizedTest(name = "over {0}")
    @EnumSource(Transport.class)
    void halfALineThenCloseIsATruncatedLine(Transport transport) throws Exception {
        ScriptedQmpServer server = server(transport, QmpScript.negotiated()
                .expect("query-status").sendRaw("{\"return\": {\"status\": \"runn").sleep(Duration.ofMillis(50))
                .close());
        QmpClient client = client();
        client.connect(server.endpoint());

        assertSessionEndedBy(client, client.execute("query-status"), QmpProtocolException.Kind.TRUNCATED_LINE);
    }

    @ParameterizedTest(name = "over {0}")
    @EnumSource(Transport.class)
    void aReplySplitAcrossWritesIsReassembled(Transport transport) throws Exception {
        ScriptedQmpServer server = server(transport, QmpScript.negotiated()
                .expect("query-status")
                .then("reply in three pieces", c -> {
                    String line = QmpScript.replyTo(c.last(), "{\"return\": {\"status\": \"paused\"}}") + "\r\n";
                    c.sendRaw(line.substring(0, 5).getBytes());
                    Thread.sleep(30);
                    c.sendRaw(line.substring(5, line.length() - 1).getBytes());
                    Thread.sleep(30);
                    c.sendRaw(line.substring(line.length() - 1).getBytes());
                }));
        QmpClient client = client();
        client.connect(server.endpoint());

        assertThat(reply(client.execute("query-status")).string("status")).contains("paused");
    }

    @ParameterizedTest(name = "over {0}")
    @EnumSource(Transport.class)
    void aPeerThatNeverAnswersTimesTheCommandOutAndTheSessionStays(Transport transport) throws Exception {
        ScriptedQmpServer server = server(transport, QmpScript.negotiated()
                .expect("query-status").expect("query-name").reply("{\"name\": \"primary\"}"));
        QmpClient client = client();
        client.connect(server.endpoint());

        Throwable timeout = failureOf(client.execute("query-status", null, Duration.ofMillis(200)));
        assertThat(timeout).isInstanceOf(QmpTimeoutException.class).hasMessageContaining("query-status");
        assertThat(client.state()).isEqualTo(QmpClientState.RUNNING);
        assertThat(reply(client.execute("query-name")).string("name")).contains("primary");
        // the late reply to the timed-out call, if it came now, would be dropped: nothing else to assert
        server.verify(WAIT);
    }

    @ParameterizedTest(name = "over {0}")
    @EnumSource(Transport.class)
    void anAbruptCloseInterruptsEveryPendingCallAndKeepsTheCause(Transport transport) throws Exception {
        ScriptedQmpServer server = server(transport, QmpScript.negotiated()
                .expectAnyLine().expectAnyLine().closeAbruptly());
        QmpClient client = client();
        List<QmpStateChange> changes = new CopyOnWriteArrayList<>();
        client.onStateChange(changes::add);
        client.connect(server.endpoint());

        CompletableFuture<QmpValue> a = client.execute("query-status");
        CompletableFuture<QmpValue> b = client.execute("query-migrate");
        for (CompletableFuture<QmpValue> call : List.of(a, b)) {
            Throwable failure = failureOf(call);
            assertThat(failure).isInstanceOf(QmpInterruptedException.class);
            assertThat(failure.getCause()).isInstanceOf(QmpDisconnectedException.class);
        }
        await().atMost(WAIT).until(() -> changes.size() == 4);
        assertThat(changes).extracting(QmpStateChange::to).containsExactly(QmpClientState.CONNECTING,
                QmpClientState.RUNNING, QmpClientState.DISCONNECTING, QmpClientState.IDLE);
        assertThat(changes.get(3).cause()).isInstanceOf(QmpDisconnectedException.class);
    }

    @ParameterizedTest(name = "over {0}")
    @EnumSource(Transport.class)
    void aMonitorThatNeverGreetsIsNoGreetingWithinTheHandshakeTimeout(Transport transport) throws Exception {
        ScriptedQmpServer server = server(transport, QmpScript.empty().hang());
        QmpClient client = client(options().withHandshakeTimeout(Duration.ofMillis(300)));

        long start = System.nanoTime();
        assertThatThrownBy(() -> client.connect(server.endpoint()))
                .isInstanceOfSatisfying(QmpConnectException.class,
                        e -> assertThat(e.reason()).isEqualTo(QmpConnectException.Reason.NO_GREETING));
        // bounded: well under the default test wait, whatever the machine's load
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(WAIT);
        assertThat(client.state()).isEqualTo(QmpClientState.IDLE);
        server.connection().awaitClientLeft(WAIT);
    }

    @ParameterizedTest(name = "over {0}")
    @EnumSource(Transport.class)
    void aGreetingThatIsNotQmpIsABadGreeting(Transport transport) throws Exception {
        ScriptedQmpServer server = server(transport, QmpScript.empty().send("{\"hello\": \"I am not QEMU\"}"));
        QmpClient client = client();

        assertThatThrownBy(() -> client.connect(server.endpoint()))
                .isInstanceOfSatisfying(QmpProtocolException.class,
                        e -> assertThat(e.kind()).isEqualTo(QmpProtocolException.Kind.BAD_GREETING));
        assertThat(client.state()).isEqualTo(QmpClientState.IDLE);
    }

    @ParameterizedTest(name = "over {0}")
    @EnumSource(Transport.class)
    void aServiceThatIsNotJsonAtAllIsABadGreeting(Transport transport) throws Exception {
        // e.g. an operator who typed the SSH port instead of the monitor's
        ScriptedQmpServer server = server(transport, QmpScript.empty().sendRaw("SSH-2.0-OpenSSH_9.2p1 Debian\r\n"));
        QmpClient client = client();

        assertThatThrownBy(() -> client.connect(server.endpoint()))
                .isInstanceOfSatisfying(QmpProtocolException.class,
                        e -> assertThat(e.kind()).isEqualTo(QmpProtocolException.Kind.BAD_GREETING))
                .hasMessageContaining("QMP monitor");
        assertThat(client.state()).isEqualTo(QmpClientState.IDLE);
    }

    @ParameterizedTest(name = "over {0}")
    @EnumSource(Transport.class)
    void aRefusedNegotiationIsNegotiationFailed(Transport transport) throws Exception {
        ScriptedQmpServer server = server(transport, QmpScript.empty().greet().expect("qmp_capabilities")
                .replyError("GenericError", "Capability 'oob' is not available"));
        QmpClient client = client();

        assertThatThrownBy(() -> client.connect(server.endpoint()))
                .isInstanceOfSatisfying(QmpProtocolException.class,
                        e -> assertThat(e.kind()).isEqualTo(QmpProtocolException.Kind.NEGOTIATION_FAILED))
                .hasMessageContaining("GenericError");
    }

    @ParameterizedTest(name = "over {0}")
    @EnumSource(Transport.class)
    void aPeerGoneDuringTheGreetingIsAConnectFailureNotAHang(Transport transport) throws Exception {
        ScriptedQmpServer server = server(transport, QmpScript.empty().sendRaw("{\"QMP\": {\"vers").close());
        QmpClient client = client();

        assertThatThrownBy(() -> client.connect(server.endpoint())).isInstanceOf(
                org.coloconsole.qmp.QmpException.class);
        assertThat(client.state()).isEqualTo(QmpClientState.IDLE);
    }

    @ParameterizedTest(name = "over {0}")
    @EnumSource(Transport.class)
    void theSameClientReconnectsAfterTheMonitorDropsItAndItsSubscriptionSurvives(Transport transport)
            throws Exception {
        ScriptedQmpServer server = server(transport,
                QmpScript.negotiated().event("RESUME", null).sleep(Duration.ofMillis(50)).close(),
                QmpScript.negotiated().event("STOP", null).expect("query-status")
                        .reply("{\"status\": \"paused\", \"running\": false}"));
        QmpClient client = client();
        List<String> events = new CopyOnWriteArrayList<>();
        client.subscribe(Set.of(), e -> events.add(e.name()));

        client.connect(server.endpoint());
        await().atMost(WAIT).until(() -> client.state() == QmpClientState.IDLE);
        assertThat(client.lastFailure()).containsInstanceOf(QmpDisconnectedException.class);

        client.connect(server.endpoint());
        assertThat(reply(client.execute("query-status")).bool("running")).contains(false);
        await().atMost(WAIT).untilAsserted(() -> assertThat(events).containsExactly("RESUME", "STOP"));
        assertThat(server.accepted()).isEqualTo(2);
        server.verify(WAIT);
    }

    @ParameterizedTest(name = "over {0}")
    @EnumSource(Transport.class)
    void disconnectInterruptsPendingCallsWithoutACauseAndTheServerSeesTheClientLeave(Transport transport)
            throws Exception {
        ScriptedQmpServer server = server(transport, QmpScript.negotiated().expect("query-status").hang());
        QmpClient client = client();
        client.connect(server.endpoint());
        CompletableFuture<QmpValue> pending = client.execute("query-status");
        server.connection().awaitCaptured(2, WAIT);

        client.disconnect();
        client.disconnect();

        assertThat(failureOf(pending)).isInstanceOf(QmpInterruptedException.class);
        assertThat(client.state()).isEqualTo(QmpClientState.IDLE);
        assertThat(client.lastFailure()).isEmpty();
        server.connection().awaitClientLeft(WAIT);
    }
}
