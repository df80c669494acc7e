package org.coloconsole.qmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.coloconsole.testing.QmpScript;
import org.coloconsole.testing.ScriptedQmpServer;
import org.junit.jupiter.api.Test;

/** Replies reach an in-order subscriber's side in the order QEMU sent them with its events; ids match exactly. */
class QmpClientOrderAndIdTest {

    @Test
    void aReplyNeverOvertakesTheEventsSentBeforeIt() throws Exception {
        QmpScript script = QmpScript.negotiated().expect("query-status")
                .event("STOP", null).event("RESUME", null)
                .reply("{\"status\": \"running\", \"running\": true}").hang();
        List<String> seen = new CopyOnWriteArrayList<>();
        try (ScriptedQmpServer server = ScriptedQmpServer.tcp(script);
             QmpClient client = new QmpClient(QmpClientOptions.defaults("ordered"))) {
            client.subscribeInOrder(Set.of(), event -> {
                sleep(100); // a subscriber busy for a moment: the reader has long read the reply meanwhile
                seen.add(event.name());
            });
            client.connect(server.endpoint());
            CompletableFuture<QmpValue> reply = client.execute("query-status", Map.of());
            reply.whenComplete((v, e) -> seen.add("reply"));
            reply.get(5, TimeUnit.SECONDS);
            assertThat(seen).containsExactly("STOP", "RESUME", "reply");
        }
    }

    @Test
    void aReplyWhoseIdIsNotExactlyTheCallsDoesNotAnswerIt() throws Exception {
        QmpScript script = QmpScript.negotiated().expect("query-status")
                .then("reply with look-alike ids", c -> {
                    String id = c.last().id().toJson();
                    c.sendLine("{\"return\": {\"fake\": 1}, \"id\": " + id + ".5}");
                    c.sendLine("{\"return\": {\"fake\": 2}, \"id\": \"" + id + "\"}");
                    c.sendLine("{\"return\": {\"fake\": 3}, \"id\": " + id + ".0}");
                }).hang();
        try (ScriptedQmpServer server = ScriptedQmpServer.tcp(script);
             QmpClient client = new QmpClient(QmpClientOptions.defaults("ids"))) {
            client.connect(server.endpoint());
            CompletableFuture<QmpValue> reply = client.execute("query-status", Map.of(), Duration.ofSeconds(30));
            assertThatThrownBy(() -> reply.get(1500, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
        }
    }

    @Test
    void exactLongReadsOnlyIntegers() {
        assertThat(QmpValue.parse("1").exactLong()).hasValue(1);
        assertThat(QmpValue.parse("1.5").exactLong()).isEmpty();
        assertThat(QmpValue.parse("1.0").exactLong()).isEmpty();
        assertThat(QmpValue.parse("\"1\"").exactLong()).isEmpty();
        assertThat(QmpValue.parse("18446744073709551617").exactLong()).isEmpty();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
