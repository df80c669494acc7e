package org.coloconsole.qmp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ReconnectingSessionTest {

    private static Endpoint closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return new Endpoint.Tcp("127.0.0.1", s.getLocalPort());
        }
    }

    @Test
    void backsOffExponentiallyWhileNothingListensAndStopsWhenTold() throws Exception {
        ManualScheduler scheduler = new ManualScheduler();
        Backoff backoff = new ExponentialBackoff(Duration.ofMillis(100), Duration.ofSeconds(5), 0, new Random(1));
        List<ReconnectEvent> events = new CopyOnWriteArrayList<>();
        try (QmpClient client = new QmpClient(QmpClientOptions.defaults("t"));
             ReconnectingSession session = new ReconnectingSession(client, closedPort(), backoff, scheduler,
                     c -> CompletableFuture.completedFuture(null))) {
            session.onEvent(events::add);
            session.start();
            for (int i = 0; i < 8; i++) {
                assertThat(scheduler.runNext()).isTrue();
            }
            assertThat(scheduler.delays()).containsExactly(Duration.ZERO, Duration.ofMillis(100), Duration.ofMillis(200),
                    Duration.ofMillis(400), Duration.ofMillis(800), Duration.ofMillis(1600), Duration.ofMillis(3200),
                    Duration.ofMillis(5000), Duration.ofMillis(5000));
            assertThat(session.attempts()).isEqualTo(8);
            assertThat(events).filteredOn(e -> e instanceof ReconnectEvent.AttemptFailed).hasSize(8)
                    .allSatisfy(e -> assertThat(((ReconnectEvent.AttemptFailed) e).cause())
                            .isInstanceOfSatisfying(QmpConnectException.class,
                                    c -> assertThat(c.reason()).isEqualTo(QmpConnectException.Reason.REFUSED)));

            session.stop();
            assertThat(scheduler.runNext()).isTrue(); // the cancelled attempt runs as a no-op
            assertThat(session.attempts()).isEqualTo(8);
            assertThat(events.get(events.size() - 1)).isInstanceOf(ReconnectEvent.Stopped.class);
            assertThat(client.state()).isEqualTo(QmpClientState.IDLE);
        }
    }
}
