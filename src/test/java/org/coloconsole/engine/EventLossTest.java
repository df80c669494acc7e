package org.coloconsole.engine;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.coloconsole.qmp.ExponentialBackoff;
import org.coloconsole.qmp.QmpClientOptions;
import org.coloconsole.qmp.QmpConnectException;
import org.coloconsole.qmp.QmpEvent;
import org.coloconsole.qmp.QmpException;
import org.coloconsole.qmp.QmpGreeting;
import org.coloconsole.qmp.QmpValue;
import org.coloconsole.testing.QmpScript;
import org.coloconsole.testing.ScriptedQmpServer;
import org.junit.jupiter.api.Test;

/** Events the console could not keep up with are reported, never lost in silence. */
class EventLossTest {

    @Test
    void aFloodThatOverflowsTheQueueIsReportedAndTheStateReRead() throws Exception {
        StringBuilder flood = new StringBuilder();
        for (int i = 0; i < 2_000; i++) {
            flood.append("{\"timestamp\": {\"seconds\": 1764100000, \"microseconds\": ").append(i)
                    .append("}, \"event\": \"MIGRATION_PASS\", \"data\": {\"pass\": ").append(i).append("}}\r\n");
        }
        AtomicLong lost = new AtomicLong();
        AtomicLong delivered = new AtomicLong();
        try (ScriptedQmpServer peer = ScriptedQmpServer.unix(QmpScript.negotiated()
                .sendRaw(flood.toString().getBytes(StandardCharsets.UTF_8)).hang());
             SideLink link = new SideLink("flooded", peer.endpoint(),
                     QmpClientOptions.defaults("flooded").withSubscriberQueueBytes(10), HeartbeatSettings.defaults(),
                     ExponentialBackoff.standard(new Random(1)), Clock.systemUTC(), new Recorder() {
                         @Override
                         public void event(QmpEvent event) {
                             delivered.incrementAndGet();
                             sleep();
                         }

                         @Override
                         public void eventsLost(long count, Instant at) {
                             lost.addAndGet(count);
                         }

                     })) {
            link.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> lost.get() > 0);
            // every event is either delivered or counted as lost: none vanish
            await().atMost(Duration.ofSeconds(10)).until(() -> delivered.get() + lost.get() == 2_000);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A listener that ignores what a test does not look at. */
    private abstract static class Recorder implements SideLink.Listener {
        @Override
        public void attempting(int attempt, Instant at) {
        }

        @Override
        public void connected(QmpGreeting greeting, boolean reconnect, Instant at) {
        }

        @Override
        public void connectFailed(QmpConnectException.Reason reason, String sentence, Instant at) {
        }

        @Override
        public void lost(QmpException cause, Instant at) {
        }

        @Override
        public void resynced(Instant at) {
        }

        @Override
        public void polled(String command, QmpValue result, String error, Instant at) {
        }

        @Override
        public void pingOk(Duration roundTrip, Instant at) {
        }

        @Override
        public void pingMissed(int consecutive, Duration silence, Instant at) {
        }
    }
}
