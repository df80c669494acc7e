package org.coloconsole.app.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A start that fails says why in a sentence and leaves nothing behind. */
class LabStartFailureTest {
    @TempDir
    Path temp;

    @Test
    void aMissingQemuBinaryIsNamedWithHowToInstallIt() {
        Path runDir = temp.resolve("lab");
        assertThatThrownBy(() -> LabPair.start(LabOptions.defaults().withRunDir(runDir)
                .withQemuBinary(temp.resolve("bin/qemu-system-x86_64").toString())))
                .isInstanceOf(LabException.class)
                .hasMessageEndingWith("qemu-system-x86_64 was not found; install it with: sudo apt-get install "
                        + "qemu-system-x86");
        assertThat(runDir).doesNotExist();
    }

    @Test
    void aQemuNotOnThePathIsNamedWithHowToInstallIt() {
        assertThatThrownBy(() -> QemuBinary.resolve("qemu-system-x86_64", java.util.Map.of("PATH", temp.toString())))
                .isInstanceOf(LabException.class)
                .hasMessage("qemu-system-x86_64 was not found; install it with: sudo apt-get install qemu-system-x86");
    }

    @Test
    void aPrimaryThatDiesAtStartStopsTheSecondaryAlreadyStartedAndQuotesQemusStderr() throws Exception {
        // a "QEMU" that is the real one for the secondary and fails like a broken install for the primary
        Path bin = Files.createDirectories(temp.resolve("bin"));
        Path fake = bin.resolve("qemu-system-x86_64");
        Files.writeString(fake, "#!/bin/sh\n"
                + "for a in \"$@\"; do if [ \"$a\" = -S ]; then echo 'qemu: simulated broken primary' >&2; exit 1; fi; done\n"
                + "exec " + QemuBinary.resolve("qemu-system-x86_64", System.getenv()) + " \"$@\"\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
        Path runDir = temp.resolve("lab");

        assertThatThrownBy(() -> LabPair.start(LabOptions.defaults().withRunDir(runDir)
                .withQemuBinary(fake.toString())))
                .isInstanceOf(LabException.class)
                .hasMessageStartingWith("the lab did not start: ")
                .hasMessageContaining("the primary QEMU exited with status 1")
                .hasMessageContaining("qemu: simulated broken primary");
        assertThat(runDir).doesNotExist();
        assertThat(LabProcessScan.processesMentioning(runDir)).isEmpty();
    }

    @Test
    void aRunDirectoryWithSomeoneElsesFilesIsRefusedAndKept() throws Exception {
        Path runDir = Files.createDirectories(temp.resolve("lab"));
        Files.writeString(runDir.resolve("notes.txt"), "mine");

        assertThatThrownBy(() -> LabPair.start(LabOptions.defaults().withRunDir(runDir)))
                .isInstanceOf(LabException.class)
                .hasMessageContaining("is not empty and holds no lab; choose an empty or new directory");
        assertThat(runDir.resolve("notes.txt")).hasContent("mine");
    }
}
