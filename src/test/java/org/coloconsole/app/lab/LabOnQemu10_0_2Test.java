package org.coloconsole.app.lab;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.coloconsole.testing.LabTiming;
import org.coloconsole.testing.TestedQemu;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lab on QEMU 10.0.2, unpacked beside the system's: it starts the QEMUs (firmware and modules from the unpacked
 * tree), but QEMU 10.0.0 to 10.0.6 cannot start COLO, and the lab says so instead of timing out. This pins the broken
 * release: on 10.0.7 or later it fails, and should then become a test that the lab runs there.
 */
class LabOnQemu10_0_2Test {
    @TempDir
    Path temp;

    @Test
    void theLabRefusesQemu10_0_2sBrokenColoStartWithASentence() {
        TestedQemu.QEMU_10_0.assumeInstalled();
        Path binary = TestedQemu.qemu10Dir().resolve("usr/bin/qemu-system-x86_64");
        assertThatThrownBy(() -> LabPair.start(LabOptions.defaults().withQemuBinary(binary.toString())
                .withRunDir(temp.resolve("lab")).withCheckpointDelay(Duration.ofMillis(500))
                .withStartTimeout(LabTiming.bound(Duration.ofSeconds(20)))))
                .isInstanceOf(LabException.class)
                .hasMessageContaining("COLO did not start: the primary's migration completed instead of entering COLO")
                .hasMessageContaining("QEMU 10.0.0 to 10.0.6");
    }
}
