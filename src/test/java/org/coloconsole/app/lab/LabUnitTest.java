package org.coloconsole.app.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Optional;
import org.coloconsole.qmp.Endpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lab's parts that need no QEMU. */
class LabUnitTest {
    @TempDir
    Path temp;

    @Test
    void aKvmDeviceThatCannotBeOpenedMeansTcgWithTheWorkaroundAndTheSameCheckpointInterval() {
        Path missing = temp.resolve("kvm");
        assertThat(Accelerator.detect(missing)).isEqualTo(Accelerator.TCG);
        assertThat(missing).doesNotExist();
        assertThat(LabOptions.defaults().effectiveCheckpointDelay()).isEqualTo(Duration.ofSeconds(2));
        assertThat(LabOptions.defaults().withCheckpointDelay(Duration.ofMillis(300)).effectiveCheckpointDelay())
                .isEqualTo(Duration.ofMillis(300));
        assertThat(TcgWorkaround.choose(Accelerator.TCG, true)).isEqualTo(TcgWorkaround.LOADED);
        assertThat(TcgWorkaround.choose(Accelerator.TCG, false)).isEqualTo(TcgWorkaround.OFF);
        assertThat(TcgWorkaround.choose(Accelerator.KVM, true)).isEqualTo(TcgWorkaround.NOT_NEEDED);
    }

    @Test
    void theWorkaroundGoesIntoQemusEnvironmentOnlyWhenLoaded() throws Exception {
        Path run = Files.createDirectories(temp.resolve("lab"));
        assertThat(state(run, Accelerator.TCG, TcgWorkaround.LOADED).qemuEnvironment())
                .containsExactly(Map.entry("LD_PRELOAD", run.resolve("colo-tcg-wait.so").toString()));
        assertThat(state(run, Accelerator.TCG, TcgWorkaround.OFF).qemuEnvironment()).isEmpty();
        assertThat(state(run, Accelerator.KVM, TcgWorkaround.NOT_NEEDED).qemuEnvironment()).isEmpty();
        assertThat(state(run, Accelerator.TCG, TcgWorkaround.LOADED).acceleratorSentence())
                .contains("TCG").contains("workaround loaded into both QEMUs");
        assertThatThrownBy(() -> state(temp.resolve("a b"), Accelerator.TCG, TcgWorkaround.LOADED).qemuEnvironment())
                .isInstanceOf(LabException.class).hasMessageContaining("LD_PRELOAD");
    }

    @Test
    void theBuildShipsTheWorkaroundAsALibraryThatPreloads() throws Exception {
        Path installed = TcgWaitShim.installInto(Files.createDirectories(temp.resolve("shim")));
        byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(installed), 4);
        assertThat(head).containsExactly(0x7f, 'E', 'L', 'F');
        assertThat(Files.isExecutable(installed)).isTrue();
    }

    private static LabState state(Path run, Accelerator accelerator, TcgWorkaround workaround) {
        return new LabState(run, "qemu", LabPairKind.MINIMAL, accelerator, workaround, Duration.ofMillis(500),
                Instant.parse("2025-01-02T03:04:05Z"), new Endpoint.Tcp("127.0.0.1", 40001),
                Map.of(LabSide.PRIMARY, new LabState.SideState(11, new Endpoint.Tcp("127.0.0.1", 40002),
                                new Endpoint.Unix(run.resolve("p.sock"))),
                        LabSide.SECONDARY, new LabState.SideState(12, new Endpoint.Unix(run.resolve("s.sock")),
                                new Endpoint.Unix(run.resolve("q.sock")))));
    }

    @Test
    void whatOpensReadWriteCountsAsKvm() throws Exception {
        // detection asks only "can QEMU open it read-write", as QEMU itself does first
        Path openable = Files.writeString(temp.resolve("kvm"), "");
        assertThat(Accelerator.detect(openable)).isEqualTo(Accelerator.KVM);
        assertThat(Accelerator.detect(temp)).isEqualTo(Accelerator.TCG); // a directory cannot be opened read-write
    }

    @Test
    void thePrimaryStartsPausedAndTheSecondaryListensForTheMigration() {
        Path run = Path.of("/run/x,y");
        Endpoint console = new Endpoint.Tcp("127.0.0.1", 4444);
        Endpoint harness = new Endpoint.Unix(run.resolve("primary-harness.sock"));
        Endpoint incoming = new Endpoint.Tcp("127.0.0.1", 9998);
        List<String> primary = QemuCommandLine.build(QemuInstall.of(Path.of("/usr/bin/qemu-system-x86_64")),
                LabSide.PRIMARY, Accelerator.KVM, 128, run, console, harness, incoming, Optional.empty());
        assertThat(String.join(" ", primary)).isEqualTo("/usr/bin/qemu-system-x86_64 -name primary"
                + " -machine pc,accel=kvm -cpu qemu64 -smp 1 -m 128 -nodefaults -display none -no-user-config"
                + " -qmp tcp:127.0.0.1:4444,server=on,wait=off,nodelay=on"
                + " -qmp unix:/run/x,,y/primary-harness.sock,server=on,wait=off"
                + " -serial file:/run/x,,y/primary-serial.log -S");
        List<String> secondary = QemuCommandLine.build(QemuInstall.of(Path.of("/usr/bin/qemu")), LabSide.SECONDARY,
                Accelerator.TCG, 64, run,
                harness, harness, incoming, Optional.empty());
        assertThat(secondary).containsSequence("-machine", "pc,accel=tcg")
                .containsSequence("-incoming", "tcp:127.0.0.1:9998").doesNotContain("-S");
    }

    @Test
    void aQemuUnpackedIntoAFolderIsToldWhereItsFirmwareAndModulesAre() throws Exception {
        Path root = temp.resolve("qemu-10.0");
        Files.createDirectories(root.resolve("usr/share/qemu"));
        QemuInstall unpacked = QemuInstall.of(root.resolve("usr/bin/qemu-system-x86_64"));
        assertThat(unpacked.options()).containsExactly("-L", root.resolve("usr/share/qemu").toString());
        assertThat(unpacked.environment()).containsExactly(
                Map.entry("QEMU_MODULE_DIR", root.resolve("usr/lib/x86_64-linux-gnu/qemu").toString()));
        QemuInstall system = QemuInstall.of(Path.of("/usr/bin/qemu-system-x86_64"));
        assertThat(system.options()).isEmpty();
        assertThat(system.environment()).isEmpty();
    }

    @Test
    void theStateFileReadsBackWhatWasWritten() throws Exception {
        Path run = Files.createDirectories(temp.resolve("lab"));
        LabState state = new LabState(run, "/usr/bin/qemu-system-x86_64", LabPairKind.FULL, Accelerator.TCG,
                TcgWorkaround.LOADED, Duration.ofMillis(2000),
                Instant.parse("2025-01-02T03:04:05.678Z"), new Endpoint.Tcp("127.0.0.1", 40001),
                Map.of(LabSide.PRIMARY, new LabState.SideState(11, new Endpoint.Tcp("127.0.0.1", 40002),
                                new Endpoint.Unix(run.resolve("primary-harness.sock")), OptionalInt.of(40003)),
                        LabSide.SECONDARY, new LabState.SideState(12, new Endpoint.Unix(run.resolve("s.sock")),
                                new Endpoint.Unix(run.resolve("secondary-harness.sock")))));
        state.write();
        assertThat(LabState.read(run)).contains(state);
        assertThat(Files.readString(LabState.file(run))).contains("primary.pid=11\n")
                .contains("primary.console=tcp:127.0.0.1:40002\n").contains("accelerator=TCG\n")
                .contains("tcg-workaround=LOADED\n").contains("kind=FULL\n").contains("primary.service-port=40003\n")
                .doesNotContain("{");
        assertThat(LabState.read(temp)).isEmpty();
    }

    @Test
    void aDamagedStateFileIsReportedNotGuessed() throws Exception {
        Path run = Files.createDirectories(temp.resolve("lab"));
        Files.writeString(LabState.file(run), "format=colo-console-lab 2\nprimary.pid=abc\n");
        assertThatThrownBy(() -> LabState.read(run)).isInstanceOf(LabException.class)
                .hasMessageContaining("lab.state");
    }

    @Test
    void aPidThatIsNotTheLabsQemuIsNeverTakenForIt() {
        long self = ProcessHandle.current().pid();
        assertThat(LabProcesses.isLabQemu(self, "qemu-system-x86_64", temp)).isFalse();
        assertThat(LabProcesses.isLabQemu(Long.MAX_VALUE, "qemu-system-x86_64", temp)).isFalse();
    }

    @Test
    void theDefaultRunDirectoryFollowsXdgRuntimeDirWhenItExists() {
        assertThat(RunDirectory.defaultLocation(Map.of("XDG_RUNTIME_DIR", temp.toString())))
                .isEqualTo(temp.resolve("colo-console/lab"));
        assertThat(RunDirectory.defaultLocation(Map.of("XDG_RUNTIME_DIR", temp.resolve("gone").toString(),
                "USER", "ann"))).isEqualTo(Path.of(System.getProperty("java.io.tmpdir"), "colo-console-ann", "lab"));
    }

    @Test
    void aRunDirectoryTooLongForASocketPathIsRefused() {
        Path deep = temp.resolve("x".repeat(100));
        assertThatThrownBy(() -> RunDirectory.create(deep)).isInstanceOf(LabException.class)
                .hasMessageContaining("too long for a UNIX socket path");
    }
}
