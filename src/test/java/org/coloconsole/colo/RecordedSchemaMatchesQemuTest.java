package org.coloconsole.colo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.coloconsole.qmp.QmpClient;
import org.coloconsole.qmp.QmpClientOptions;
import org.coloconsole.qmp.QmpGreeting;
import org.coloconsole.qmp.QmpValue;
import org.coloconsole.testing.TestedQemu;
import org.coloconsole.testing.QemuMonitorProcess;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The recorded schemas the unit tests use are what the installed QEMUs say. When this fails after an upgrade
 * (bookworm-backports moving past 10.0.2, say), record the new schema and check what the self-test says of it.
 */
class RecordedSchemaMatchesQemuTest {

    @ParameterizedTest(name = "QEMU {0}")
    @EnumSource(TestedQemu.class)
    void theLiveSchemaIsTheRecordedOne(TestedQemu binary) throws Exception {
        try (QemuMonitorProcess qemu = QemuMonitorProcess.start(binary, 1, 0);
             QmpClient client = new QmpClient(QmpClientOptions.defaults("schema"))) {
            QmpGreeting greeting = client.connect(qemu.unixEndpoint());
            QmpValue live = client.execute("query-qmp-schema").get(10, TimeUnit.SECONDS);
            RecordedSchema recorded = RecordedSchema.load(greeting.version().toString());

            assertThat(greeting).isEqualTo(recorded.greeting());
            assertThat(live).isEqualTo(recorded.schemaValue());
        }
    }
}
