package org.coloconsole.qmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against a scripted peer: routing, ordering, and every way a session can end. */
class QmpClientTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private FakePeer peer;
    private QmpClient client;
    private final List<QmpStateChange> changes = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        peer = new FakePeer();
        client = new QmpClient(QmpClientOptions.defaults("t")
                .withHandshakeTimeout(Duration.ofMillis(400)).withMaxLineBytes(64 * 1024));
        client.onStateChange(changes::add);
    }

    @AfterEach
    void tearDown() throws Exception {
        client.close();
        peer.close();
        await().atMost(WAIT).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().equals("qmp-t-reader") && t.isAlive()));
    }

    private QmpGreeting connect() throws Exception {
        CompletableFuture<QmpGreeting> connecting = CompletableFuture.supplyAsync(() -> {
            try {
                return client.connect(peer.endpoint());
            } catch (QmpException e) {
                throw new RuntimeException(e);
            }
        });
        peer.acceptAndNegotiate();
        return connecting.get(5, TimeUnit.SECONDS);
    }

    private static Throwable failureOf(CompletableFuture<?> future) {
        assertThatThrownBy(() -> future.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        return future.handle((v, e) -> e).join();
    }

    @Test
    void negotiatesOobAndWalksTheExactStateSequence() throws Exception {
        CompletableFuture<QmpGreeting> connecting = CompletableFuture.supplyAsync(() -> {
            try {
                return client.connect(peer.endpoint());
            } catch (QmpException e) {
                throw new RuntimeException(e);
            }
        });
        QmpValue negotiation = peer.acceptAndNegotiate();
        assertThat(connecting.get(5, TimeUnit.SECONDS).version().toString()).isEqualTo("7.2.22");
        assertThat(negotiation.get("arguments").toJson()).isEqualTo("{\"enable\":[\"oob\"]}");
        client.disconnect();
        await().atMost(WAIT).until(() -> changes.size() == 4);
        assertThat(changes).extracting(c -> c.from() + ">" + c.to()).containsExactly(
                "IDLE>CONNECTING", "CONNECTING>RUNNING", "RUNNING>DISCONNECTING", "DISCONNECTING>IDLE");
        assertThat(changes).allSatisfy(c -> assertThat(c.cause()).isNull());
    }

    @Test
    void routesRepliesByIdWhateverTheirOrder() throws Exception {
        connect();
        CompletableFuture<QmpValue> a = client.execute("query-status");
        CompletableFuture<QmpValue> b = client.execute("query-colo-status");
        QmpValue first = peer.expect("query-status");
        QmpValue second = peer.expect("query-colo-status");
        peer.reply(second, "{\"mode\": \"primary\"}");
        peer.reply(first, "{\"running\": true}");
        assertThat(a.get(5, TimeUnit.SECONDS).bool("running")).contains(true);
        assertThat(b.get(5, TimeUnit.SECONDS).string("mode")).contains("primary");
    }

    @Test
    void anEventBeforeItsCommandsReplyReachesSubscribersAndTheReplyStillRoutes() throws Exception {
        List<QmpEvent> events = new CopyOnWriteArrayList<>();
        client.subscribe(Set.of("STOP"), events::add);
        connect();
        CompletableFuture<QmpValue> stop = client.execute("stop");
        QmpValue sent = peer.expect("stop");
        peer.event("STOP", null);
        peer.event("RESUME", null);
        peer.reply(sent, "{}");
        assertThat(stop.get(5, TimeUnit.SECONDS).toJson()).isEqualTo("{}");
        await().atMost(WAIT).until(() -> events.size() == 1);
        assertThat(events.get(0).name()).isEqualTo("STOP");
        assertThat(events.get(0).timestamp()).isEqualTo(new QmpTimestamp(1764100000, 1));
    }

    @Test
    void aReplyWithAnUnknownIdIsDroppedAndTheSessionGoesOn() throws Exception {
        connect();
        CompletableFuture<QmpValue> call = client.execute("query-status");
        QmpValue sent = peer.expect("query-status");
        peer.send("{\"return\": {}, \"id\": 987654}");
        peer.send("{\"return\": {}, \"id\": \"not-ours\"}");
        peer.reply(sent, "{\"ok\": 1}");
        assertThat(call.get(5, TimeUnit.SECONDS).integer("ok")).hasValue(1);
        assertThat(client.state()).isEqualTo(QmpClientState.RUNNING);
    }

    @Test
    void anErrorReplyBecomesATypedExceptionWithClassAndCommand() throws Exception {
        connect();
        CompletableFuture<QmpValue> call = client.execute("x-colo-lost-heartbeat");
        peer.replyError(peer.expect("x-colo-lost-heartbeat"), "GenericError", "The feature 'colo' is not enabled");
        assertThat(failureOf(call)).isInstanceOfSatisfying(QmpCommandException.class, e -> {
            assertThat(e.errorClass()).isEqualTo("GenericError");
            assertThat(e.command()).isEqualTo("x-colo-lost-heartbeat");
            assertThat(e.description()).contains("colo");
        });
        assertThat(client.state()).isEqualTo(QmpClientState.RUNNING);
    }

    @Test
    void anErrorWithoutIdWhileCallsArePendingEndsTheSession() throws Exception {
        connect();
        CompletableFuture<QmpValue> call = client.execute("query-status");
        peer.expect("query-status");
        peer.send("{\"error\": {\"class\": \"GenericError\", \"desc\": \"JSON parse error\"}}");
        assertThat(failureOf(call)).isInstanceOf(QmpInterruptedException.class)
                .cause().isInstanceOfSatisfying(QmpProtocolException.class,
                        e -> assertThat(e.kind()).isEqualTo(QmpProtocolException.Kind.UNROUTABLE_REPLY));
        await().atMost(WAIT).until(() -> client.state() == QmpClientState.IDLE);
        assertThat(client.lastFailure()).get().isInstanceOf(QmpProtocolException.class);
    }

    @Test
    void anErrorWithoutIdWhileNothingIsPendingIsDropped() throws Exception {
        List<QmpEvent> marker = new CopyOnWriteArrayList<>();
        client.subscribe(Set.of(), marker::add);
        connect();
        peer.send("{\"error\": {\"class\": \"GenericError\", \"desc\": \"JSON parse error\"}}");
        peer.event("MARK", null);
        // the reader has handled the id-less error once the event behind it arrived
        await().atMost(WAIT).until(() -> marker.size() == 1);
        CompletableFuture<QmpValue> call = client.execute("query-status");
        peer.reply(peer.expect("query-status"), "{}");
        assertThat(call.get(5, TimeUnit.SECONDS).toJson()).isEqualTo("{}");
    }

    @Test
    void everyKindOfBadLineEndsTheSessionWithItsKindAndFailsPendingCallsAtOnce() throws Exception {
        Object[][] cases = {
            {"garbage".getBytes(StandardCharsets.UTF_8), QmpProtocolException.Kind.MALFORMED_JSON},
            {"[1]".getBytes(StandardCharsets.UTF_8), QmpProtocolException.Kind.NOT_AN_OBJECT},
            {new byte[] {'{', '"', 'e', 'v', 'e', 'n', 't', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'},
                QmpProtocolException.Kind.INVALID_UTF8},
            {overLongLine(), QmpProtocolException.Kind.LINE_TOO_LONG},
        };
        for (Object[] c : cases) {
            connect();
            CompletableFuture<QmpValue> call = client.execute("query-status");
            peer.expect("query-status");
            byte[] bad = (byte[]) c[0];
            byte[] line = Arrays.copyOf(bad, bad.length + 2);
            line[bad.length] = '\r';
            line[bad.length + 1] = '\n';
            peer.sendRaw(line);
            assertThat(failureOf(call)).as("%s", c[1]).isInstanceOf(QmpInterruptedException.class)
                    .cause().isInstanceOfSatisfying(QmpProtocolException.class,
                            e -> assertThat(e.kind()).isEqualTo(c[1]));
            await().atMost(WAIT).until(() -> client.state() == QmpClientState.IDLE);
            peer.closeConnection();
        }
    }

    private static byte[] overLongLine() {
        byte[] line = new byte[100 * 1024];
        Arrays.fill(line, (byte) 'x');
        return line;
    }

    @Test
    void aPeerThatClosesMidLineIsATruncatedLine() throws Exception {
        connect();
        CompletableFuture<QmpValue> call = client.execute("query-status");
        peer.expect("query-status");
        peer.sendRaw("{\"return\": {\"runn".getBytes(StandardCharsets.UTF_8));
        peer.closeConnection();
        assertThat(failureOf(call)).cause().isInstanceOfSatisfying(QmpProtocolException.class,
                e -> assertThat(e.kind()).isEqualTo(QmpProtocolException.Kind.TRUNCATED_LINE));
        await().atMost(WAIT).until(() -> client.state() == QmpClientState.IDLE);
    }

    @Test
    void aCleanCloseFailsPendingCallsAndEndsInIdleWithTheCause() throws Exception {
        connect();
        CompletableFuture<QmpValue> one = client.execute("query-status");
        CompletableFuture<QmpValue> two = client.execute("query-migrate");
        peer.expect("query-status");
        peer.closeConnection();
        assertThat(failureOf(one)).isInstanceOf(QmpInterruptedException.class)
                .cause().isInstanceOf(QmpDisconnectedException.class);
        assertThat(failureOf(two)).isInstanceOf(QmpInterruptedException.class);
        await().atMost(WAIT).until(() -> changes.size() == 4);
        assertThat(changes.get(3).to()).isEqualTo(QmpClientState.IDLE);
        assertThat(changes.get(3).cause()).isInstanceOf(QmpDisconnectedException.class);
    }

    @Test
    void aPeerThatNeverGreetsIsNoGreetingWithinTheHandshakeDeadline() throws Exception {
        CompletableFuture<Throwable> connecting = CompletableFuture.supplyAsync(() -> {
            try {
                client.connect(peer.endpoint());
                return null;
            } catch (QmpException e) {
                return e;
            }
        });
        peer.accept();
        assertThat(connecting.get(5, TimeUnit.SECONDS)).isInstanceOfSatisfying(QmpConnectException.class,
                e -> assertThat(e.reason()).isEqualTo(QmpConnectException.Reason.NO_GREETING));
        assertThat(client.state()).isEqualTo(QmpClientState.IDLE);
    }

    @Test
    void aBadGreetingAndAFailedNegotiationAreProtocolErrors() throws Exception {
        CompletableFuture<Throwable> connecting = CompletableFuture.supplyAsync(() -> {
            try {
                client.connect(peer.endpoint());
                return null;
            } catch (QmpException e) {
                return e;
            }
        });
        peer.accept().send("{\"return\": {}}");
        assertThat(connecting.get(5, TimeUnit.SECONDS)).isInstanceOfSatisfying(QmpProtocolException.class,
                e -> assertThat(e.kind()).isEqualTo(QmpProtocolException.Kind.BAD_GREETING));
        peer.closeConnection();

        connecting = CompletableFuture.supplyAsync(() -> {
            try {
                client.connect(peer.endpoint());
                return null;
            } catch (QmpException e) {
                return e;
            }
        });
        peer.accept().send(FakePeer.GREETING);
        peer.replyError(peer.expect("qmp_capabilities"), "GenericError", "nope");
        assertThat(connecting.get(5, TimeUnit.SECONDS)).isInstanceOfSatisfying(QmpProtocolException.class,
                e -> assertThat(e.kind()).isEqualTo(QmpProtocolException.Kind.NEGOTIATION_FAILED));
        assertThat(client.state()).isEqualTo(QmpClientState.IDLE);
    }

    @Test
    void aCommandWithoutReplyTimesOutAndTheSessionStays() throws Exception {
        connect();
        CompletableFuture<QmpValue> call = client.execute("query-status", null, Duration.ofMillis(150));
        peer.expect("query-status");
        assertThat(failureOf(call)).isInstanceOf(QmpTimeoutException.class);
        assertThat(client.state()).isEqualTo(QmpClientState.RUNNING);
        CompletableFuture<QmpValue> next = client.execute("query-status");
        peer.reply(peer.expect("query-status"), "{}");
        assertThat(next.get(5, TimeUnit.SECONDS).toJson()).isEqualTo("{}");
    }

    @Test
    void noMoreThanMaxInFlightAreSentAndTheRestFollowInOrder() throws Exception {
        client.close();
        client = new QmpClient(QmpClientOptions.defaults("t").withMaxInFlight(2));
        connect();
        List<CompletableFuture<QmpValue>> calls = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            calls.add(client.execute("c" + i));
        }
        QmpValue c0 = peer.expect("c0");
        QmpValue c1 = peer.expect("c1");
        assertThat(peer.silentFor(200)).isTrue();
        peer.reply(c1, "1");
        QmpValue c2 = peer.expect("c2");
        assertThat(peer.silentFor(100)).isTrue();
        peer.reply(c0, "0");
        peer.reply(c2, "2");
        peer.reply(peer.expect("c3"), "3");
        peer.reply(peer.expect("c4"), "4");
        for (int i = 0; i < 5; i++) {
            assertThat(calls.get(i).get(5, TimeUnit.SECONDS).asLong(-1)).isEqualTo(i);
        }
    }

    @Test
    void aCallMadeWhileAQueuedOneWaitsForItsWriteDoesNotOvertakeIt() throws Exception {
        // a queued call that a reply lets go is written by the client's timer thread; a call made before that write
        // must still leave after it, as QEMU runs one monitor's commands in the order it reads them
        client.close();
        client = new QmpClient(QmpClientOptions.defaults("t").withMaxInFlight(3));
        connect();
        CountDownLatch timerHeld = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // its timeout runs on the timer thread, which this callback then keeps busy: the let-go call's write waits
        client.execute("hold-the-timer", null, Duration.ofMillis(30)).whenComplete((v, e) -> {
            timerHeld.countDown();
            awaitQuietly(release);
        });
        CompletableFuture<QmpValue> a = client.execute("a");
        CompletableFuture<QmpValue> b = client.execute("b");
        client.execute("c"); // no slot: waits
        peer.expect("hold-the-timer");
        QmpValue sentA = peer.expect("a");
        QmpValue sentB = peer.expect("b");
        assertThat(timerHeld.await(5, TimeUnit.SECONDS)).isTrue();
        peer.reply(sentA, "{}"); // frees a slot: c is let go, its write handed to the busy timer thread
        peer.reply(sentB, "{}"); // frees another: d below finds it free
        a.get(5, TimeUnit.SECONDS);
        b.get(5, TimeUnit.SECONDS);
        Thread.sleep(100); // the reader's bookkeeping after b's reply; sooner, d would queue and pass anyway
        client.execute("d");
        release.countDown();
        assertThat(List.of(peer.next(), peer.next())).extracting(c -> c.string("execute").orElse("?"))
                .containsExactly("c", "d");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void outOfBandCommandsOvertakeAFullQueue() throws Exception {
        client.close();
        client = new QmpClient(QmpClientOptions.defaults("t").withMaxInFlight(1));
        connect();
        client.execute("slow");
        client.execute("queued");
        CompletableFuture<QmpValue> yank = client.executeOob("yank", Map.of("instances", List.of(Map.of("type", "migration"))));
        peer.expect("slow");
        QmpValue oob = peer.expect("yank");
        assertThat(oob.string("exec-oob")).contains("yank");
        peer.reply(oob, "{}");
        assertThat(yank.get(5, TimeUnit.SECONDS).toJson()).isEqualTo("{}");
    }

    @Test
    void aSlowSubscriberLosesOnlyItsOwnEvents() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<QmpEvent> fast = new CopyOnWriteArrayList<>();
        EventSubscription slow = client.subscribe(Set.of(), e -> {
            try {
                release.await();
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, 5_000); // bytes: a few of these events
        client.subscribe(Set.of(), fast::add, 1 << 20);
        connect();
        for (int i = 0; i < 200; i++) {
            peer.event("MIGRATION_PASS", "{\"pass\": " + i + "}");
        }
        await().atMost(WAIT).until(() -> fast.size() == 200);
        assertThat(fast).extracting(e -> e.data().integer("pass").orElse(-1))
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 200).boxed().map(Long::valueOf).toList());
        assertThat(slow.dropped()).isGreaterThanOrEqualTo(189);
        release.countDown();
    }

    @Test
    void aClosedSubscriptionGetsNothingMore() throws Exception {
        List<QmpEvent> got = new CopyOnWriteArrayList<>();
        Subscription s = client.subscribe(Set.of(), got::add);
        connect();
        peer.event("STOP", null);
        await().atMost(WAIT).until(() -> got.size() == 1);
        s.close();
        peer.event("RESUME", null);
        CompletableFuture<QmpValue> sync = client.execute("query-status");
        peer.reply(peer.expect("query-status"), "{}");
        sync.get(5, TimeUnit.SECONDS);
        assertThat(got).hasSize(1);
    }

    @Test
    void commandsBeforeConnectFailWithAStateError() {
        assertThat(failureOf(client.execute("query-status"))).isInstanceOf(QmpStateException.class)
                .hasMessageContaining("not connected");
    }

    @Test
    void theClientReconnectsOnTheSameObjectAndSubscriptionsSurvive() throws Exception {
        List<QmpEvent> got = new CopyOnWriteArrayList<>();
        client.subscribe(Set.of(), got::add);
        connect();
        peer.closeConnection();
        await().atMost(WAIT).until(() -> client.state() == QmpClientState.IDLE);
        connect();
        peer.event("RESUME", null);
        await().atMost(WAIT).until(() -> got.size() == 1);
    }

    @Test
    void sequentialCallsReuseTheLowestIdSoCommandsStayShort() throws Exception {
        connect();
        for (int i = 0; i < 3; i++) {
            CompletableFuture<QmpValue> call = client.execute("query-status");
            QmpValue sent = peer.expect("query-status");
            assertThat(sent.get("id").asLong(-1)).isEqualTo(1);
            peer.reply(sent, "{}");
            call.get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aTimedOutCallsLateReplyIsNeverTakenForANewerCall() throws Exception {
        connect();
        CompletableFuture<QmpValue> slow = client.execute("slow", null, Duration.ofMillis(100));
        QmpValue slowSent = peer.expect("slow");
        assertThat(failureOf(slow)).isInstanceOf(QmpTimeoutException.class);

        CompletableFuture<QmpValue> next = client.execute("query-status");
        QmpValue nextSent = peer.expect("query-status");
        assertThat(nextSent.get("id").asLong(-1)).isNotEqualTo(slowSent.get("id").asLong(-2));
        peer.reply(slowSent, "\"late\"");
        peer.reply(nextSent, "\"mine\"");
        assertThat(next.get(5, TimeUnit.SECONDS).asText()).isEqualTo("mine");

        // once the late reply came, its id is free again
        CompletableFuture<QmpValue> again = client.execute("query-status");
        QmpValue againSent = peer.expect("query-status");
        assertThat(againSent.get("id").asLong(-1)).isEqualTo(slowSent.get("id").asLong(-2));
        peer.reply(againSent, "{}");
        again.get(5, TimeUnit.SECONDS);
    }
}
