package org.coloconsole.qmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.coloconsole.testing.QmpScript;
import org.coloconsole.testing.ScriptedQmpServer;
import org.junit.jupiter.api.Test;

/** A stuck subscriber holds at most its byte bound of 1 MB events; the rest are counted as dropped. */
class SubscriberQueueBytesTest {

    @Test
    void bigEventsAreBoundedInBytesNotInCount() throws Exception {
        String big = "x".repeat(1_000_000);
        QmpScript script = QmpScript.negotiated();
        for (int i = 0; i < 40; i++) {
            script = script.event("FLOOD", "{\"blob\": \"" + big + "\"}");
        }
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger delivered = new AtomicInteger();
        try (ScriptedQmpServer server = ScriptedQmpServer.tcp(script.hang());
             QmpClient client = new QmpClient(QmpClientOptions.defaults("flood"))) {
            EventSubscription stuck = client.subscribe(Set.of(), e -> {
                try {
                    release.await();
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
                delivered.incrementAndGet();
            });
            client.connect(server.endpoint());
            long bound = QmpClientOptions.DEFAULT_SUBSCRIBER_QUEUE_BYTES;
            long perEvent = 4L * 1_000_000;
            // one in the handler, at most bound/perEvent (+1 that may pass an empty queue) waiting
            await().atMost(Duration.ofSeconds(20)).until(() -> stuck.dropped() >= 40 - 2 - bound / perEvent);
            release.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> delivered.get() + stuck.dropped() == 40);
            assertThat(delivered.get()).isLessThanOrEqualTo((int) (2 + bound / perEvent));
        }
    }
}
