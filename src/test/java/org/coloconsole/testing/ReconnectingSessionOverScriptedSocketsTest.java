package org.coloconsole.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.coloconsole.qmp.ExecutorScheduler;
import org.coloconsole.qmp.ExponentialBackoff;
import org.coloconsole.qmp.QmpClient;
import org.coloconsole.qmp.QmpClientOptions;
import org.coloconsole.qmp.QmpClientState;
import org.coloconsole.qmp.QmpCommandException;
import org.coloconsole.qmp.ReconnectEvent;
import org.coloconsole.qmp.ReconnectingSession;
import org.coloconsole.testing.ScriptedQmpServer.Transport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The reconnect supervisor against monitors that drop it in awkward moments, over both socket kinds. */
class ReconnectingSessionOverScriptedSocketsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static ExponentialBackoff fast() {
        return new ExponentialBackoff(Duration.ofMillis(5), Duration.ofMillis(20), 0, new Random(1));
    }

    @ParameterizedTest(name = "over {0}")
    @EnumSource(Transport.class)
    void aMonitorThatDropsEveryConnectionRightAfterNegotiationIsReconnectedEveryTime(Transport transport)
            throws Exception {
        // the drop races connect()'s return: the supervisor must notice the loss whichever side wins
        int drops = 25;
        QmpScript[] scripts = new QmpScript[drops + 1];
        for (int i = 0; i < drops; i++) {
            scripts[i] = QmpScript.negotiated().close();
        }
        scripts[drops] = QmpScript.negotiated().expect("query-status").reply("{\"status\": \"running\"}");
        List<ReconnectEvent> events = new CopyOnWriteArrayList<>();
        try (ScriptedQmpServer server = ScriptedQmpServer.start(transport, scripts);
             QmpClient client = new QmpClient(QmpClientOptions.defaults("dropped"));
             ExecutorScheduler scheduler = new ExecutorScheduler("dropped-reconnect");
             ReconnectingSession session = new ReconnectingSession(client, server.endpoint(), fast(), scheduler,
                     c -> c.state() == QmpClientState.RUNNING && server.accepted() == drops + 1
                             ? c.execute("query-status") : CompletableFuture.completedFuture(null))) {
            session.onEvent(events::add);
            session.start();

            await().atMost(WAIT).untilAsserted(() -> assertThat(server.accepted())
                    .as("connections made; events: %s", events).isEqualTo(drops + 1));
            await().atMost(WAIT).until(() -> events.stream().anyMatch(e -> e instanceof ReconnectEvent.Resynced r
                    && r.reconnect()) && client.state() == QmpClientState.RUNNING
                    && server.connection(drops, WAIT).captured().size() == 2);
            assertThat(events).filteredOn(e -> e instanceof ReconnectEvent.Connected).hasSize(drops + 1);
            assertThat(session.attempts()).isZero();
            server.verify(WAIT);
        }
    }

    @ParameterizedTest(name = "over {0}")
    @EnumSource(Transport.class)
    void aResyncThatFailsIsReportedAndTheConnectionStays(Transport transport) throws Exception {
        List<ReconnectEvent> events = new CopyOnWriteArrayList<>();
        try (ScriptedQmpServer server = ScriptedQmpServer.start(transport, QmpScript.negotiated()
                .expect("query-colo-status").replyError("CommandNotFound", "The command query-colo-status has not "
                        + "been found").expect("query-status").reply("{\"status\": \"running\"}"));
             QmpClient client = new QmpClient(QmpClientOptions.defaults("resync"));
             ExecutorScheduler scheduler = new ExecutorScheduler("resync-reconnect");
             ReconnectingSession session = new ReconnectingSession(client, server.endpoint(), fast(), scheduler,
                     c -> c.execute("query-colo-status"))) {
            session.onEvent(events::add);
            session.start();

            await().atMost(WAIT).until(() -> events.stream().anyMatch(e -> e instanceof ReconnectEvent.ResyncFailed));
            ReconnectEvent.ResyncFailed failed = (ReconnectEvent.ResyncFailed) events.stream()
                    .filter(e -> e instanceof ReconnectEvent.ResyncFailed).findFirst().orElseThrow();
            assertThat(failed.cause()).isInstanceOf(QmpCommandException.class);
            assertThat(client.state()).isEqualTo(QmpClientState.RUNNING);
            assertThat(client.execute("query-status").get().string("status")).contains("running");
            assertThat(server.accepted()).isEqualTo(1);
        }
    }
}
