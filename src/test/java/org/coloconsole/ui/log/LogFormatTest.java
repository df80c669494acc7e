package org.coloconsole.ui.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import org.coloconsole.engine.LogEntry;
import org.junit.jupiter.api.Test;

class LogFormatTest {
    private final LogEntry row = Rows.event(5, "primary", "RESUME", "resumed", LogEntry.Severity.INFO, "{}");

    @Test
    void theReceiveTimeHasTheDateAndBothTimesAreInTheNamedZone() {
        LogFormat utc = new LogFormat(ZoneId.of("UTC"));
        assertThat(utc.zoneName()).isEqualTo("UTC");
        assertThat(utc.receivedTime(row)).isEqualTo("2026-11-25 21:00:00.005");
        assertThat(utc.qemuTime(row)).isEqualTo("21:00:00.004");

        LogFormat paris = new LogFormat(ZoneId.of("Europe/Paris"));
        assertThat(paris.zoneName()).isEqualTo("CET");
        assertThat(paris.receivedTime(row)).isEqualTo("2026-11-25 22:00:00.005");
    }
}
