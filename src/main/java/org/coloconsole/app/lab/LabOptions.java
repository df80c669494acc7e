package org.coloconsole.app.lab;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to start a lab pair.
 *
 * @param qemuBinary       {@code qemu-system-x86_64} (looked up on PATH) or a path to it
 * @param runDir           private directory for sockets, logs and the state file; must be absent or empty
 *                         (null: the default location, see {@link RunDirectory#defaultLocation})
 * @param consoleTransport how the console's monitors listen (the harness monitors are always UNIX sockets)
 * @param accelerator      forces an accelerator (null: KVM when /dev/kvm opens read-write, else TCG)
 * @param checkpointDelay  COLO's {@code x-checkpoint-delay} under KVM (null: 2 s); under TCG it is always
 *                         {@link #TCG_CHECKPOINT_DELAY}, so that the primary never reaches the checkpoint that deadlocks
 * @param memoryMb         guest RAM, what every checkpoint copies
 * @param startTimeout     bound on the whole start: monitors up, then COLO up on both sides
 * @param stopGrace        how long a QEMU gets after SIGTERM before SIGKILL
 * @param stopWhenJvmExits whether a JVM shutdown hook stops the pair (tests, the embedded lab); false for
 *                         {@code colo-console lab start}, whose pair outlives the command
 */
public record LabOptions(String qemuBinary, Path runDir, MonitorTransport consoleTransport, Accelerator accelerator,
                         Duration checkpointDelay, int memoryMb, Duration startTimeout, Duration stopGrace,
                         boolean stopWhenJvmExits) {

    public static final String DEFAULT_QEMU = "qemu-system-x86_64";
    public static final Duration KVM_CHECKPOINT_DELAY = Duration.ofSeconds(2);
    public static final Duration TCG_CHECKPOINT_DELAY = Duration.ofHours(1);

    public LabOptions {
        Objects.requireNonNull(qemuBinary, "qemuBinary");
        Objects.requireNonNull(consoleTransport, "consoleTransport");
        Objects.requireNonNull(startTimeout, "startTimeout");
        Objects.requireNonNull(stopGrace, "stopGrace");
        if (checkpointDelay != null && (checkpointDelay.toMillis() < 1 || checkpointDelay.toMillis() > 0xFFFF_FFFFL)) {
            throw new IllegalArgumentException("checkpointDelay must be between 1 ms and 49 days, not " + checkpointDelay);
        }
        if (memoryMb < 16) {
            throw new IllegalArgumentException("memoryMb must be at least 16, not " + memoryMb);
        }
    }

    public static LabOptions defaults() {
        return new LabOptions(DEFAULT_QEMU, null, MonitorTransport.UNIX, null, null, 128, Duration.ofSeconds(20),
                Duration.ofSeconds(3), true);
    }

    /** The checkpoint delay the pair is given on {@code accelerator}. */
    public Duration effectiveCheckpointDelay(Accelerator onAccelerator) {
        if (onAccelerator == Accelerator.TCG) {
            return TCG_CHECKPOINT_DELAY;
        }
        return checkpointDelay == null ? KVM_CHECKPOINT_DELAY : checkpointDelay;
    }

    public Optional<Path> explicitRunDir() {
        return Optional.ofNullable(runDir);
    }

    public LabOptions withQemuBinary(String value) {
        return new LabOptions(value, runDir, consoleTransport, accelerator, checkpointDelay, memoryMb, startTimeout,
                stopGrace, stopWhenJvmExits);
    }

    public LabOptions withRunDir(Path value) {
        return new LabOptions(qemuBinary, value, consoleTransport, accelerator, checkpointDelay, memoryMb, startTimeout,
                stopGrace, stopWhenJvmExits);
    }

    public LabOptions withConsoleTransport(MonitorTransport value) {
        return new LabOptions(qemuBinary, runDir, value, accelerator, checkpointDelay, memoryMb, startTimeout,
                stopGrace, stopWhenJvmExits);
    }

    public LabOptions withAccelerator(Accelerator value) {
        return new LabOptions(qemuBinary, runDir, consoleTransport, value, checkpointDelay, memoryMb, startTimeout,
                stopGrace, stopWhenJvmExits);
    }

    public LabOptions withCheckpointDelay(Duration value) {
        return new LabOptions(qemuBinary, runDir, consoleTransport, accelerator, value, memoryMb, startTimeout,
                stopGrace, stopWhenJvmExits);
    }

    public LabOptions withMemoryMb(int value) {
        return new LabOptions(qemuBinary, runDir, consoleTransport, accelerator, checkpointDelay, value, startTimeout,
                stopGrace, stopWhenJvmExits);
    }

    public LabOptions withStartTimeout(Duration value) {
        return new LabOptions(qemuBinary, runDir, consoleTransport, accelerator, checkpointDelay, memoryMb, value,
                stopGrace, stopWhenJvmExits);
    }

    public LabOptions withStopGrace(Duration value) {
        return new LabOptions(qemuBinary, runDir, consoleTransport, accelerator, checkpointDelay, memoryMb, startTimeout,
                value, stopWhenJvmExits);
    }

    public LabOptions withStopWhenJvmExits(boolean value) {
        return new LabOptions(qemuBinary, runDir, consoleTransport, accelerator, checkpointDelay, memoryMb, startTimeout,
                stopGrace, value);
    }
}
