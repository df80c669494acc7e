package org.coloconsole.qmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.coloconsole.testing.QmpScript;
import org.coloconsole.testing.ScriptedQmpServer;
import org.junit.jupiter.api.Test;

/** The default line cap is near 1 MiB: QEMU 10.0's whole schema (236 KB) passes, a 2 MiB line ends the session. */
class QmpLineCapTest {

    @Test
    void theDefaultCapIsNearOneMebibyte() {
        int cap = QmpClientOptions.defaults("x").maxLineBytes();
        assertThat(cap).isBetween(512 * 1024, 2 * 1024 * 1024 - 1);
    }

    @Test
    void qemu10sSchemaPassesUnderTheDefaultCap() throws Exception {
        String schema = recordedSchema("10.0.2");
        assertThat(schema.length()).isGreaterThan(200_000);
        try (ScriptedQmpServer server = ScriptedQmpServer.tcp(QmpScript.negotiated()
                .expect("query-qmp-schema").reply(schema).hang());
             QmpClient client = new QmpClient(QmpClientOptions.defaults("schema"))) {
            client.connect(server.endpoint());
            assertThat(client.execute("query-qmp-schema").get(10, TimeUnit.SECONDS).isArray()).isTrue();
        }
    }

    @Test
    void aTwoMebibyteLineEndsTheSessionUnderTheDefaultCap() throws Exception {
        try (ScriptedQmpServer server = ScriptedQmpServer.tcp(QmpScript.negotiated()
                .expect("query-status").sendLongLine(2 * 1024 * 1024).hang());
             QmpClient client = new QmpClient(QmpClientOptions.defaults("flood"))) {
            client.connect(server.endpoint());
            assertThatThrownBy(() -> client.execute("query-status").get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().hasMessageContaining("longer than " + QmpClientOptions.DEFAULT_MAX_LINE_BYTES);
        }
    }

    private static String recordedSchema(String version) throws Exception {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                QmpLineCapTest.class.getResourceAsStream("/org/coloconsole/colo/qemu-" + version
                        + ".qmp-schema.jsonl.gz")), StandardCharsets.UTF_8))) {
            in.readLine(); // the greeting
            return in.readLine();
        }
    }
}
