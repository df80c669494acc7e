package org.coloconsole.app.lab;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
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
 * @param checkpointDelay  COLO's {@code x-checkpoint-delay} (null: {@link #DEFAULT_CHECKPOINT_DELAY}), on every
 *                         accelerator
 * @param memoryMb         guest RAM, what every checkpoint copies
 * @param startTimeout     bound on the whole start: monitors up, then COLO up on both sides
 * @param stopGrace        how long a QEMU gets after SIGTERM before SIGKILL
 * @param stopWhenJvmExits whether a JVM shutdown hook stops the pair (tests, the embedded lab); false for
 *                         {@code colo-console lab start}, whose pair outlives the command
 * @param tcgWorkaround    whether QEMUs on TCG load the wait workaround ({@link TcgWorkaround}); false only to
 *                         show what QEMU does without it
 * @param kind             a minimal pair (no disk, no NIC) or a full one with a disk, the COLO proxy and a guest
 * @param guestCache       where the full pair's guest is built and kept (null: {@link LabGuest#defaultCache})
 */
public record LabOptions(String qemuBinary, Path runDir, MonitorTransport consoleTransport, Accelerator accelerator,
                         Duration checkpointDelay, int memoryMb, Duration startTimeout, Duration stopGrace,
                         boolean stopWhenJvmExits, boolean tcgWorkaround, LabPairKind kind, Path guestCache) {

    public static final String DEFAULT_QEMU = "qemu-system-x86_64";
    public static final Duration DEFAULT_CHECKPOINT_DELAY = Duration.ofSeconds(2);

    public LabOptions {
        Objects.requireNonNull(qemuBinary, "qemuBinary");
        Objects.requireNonNull(consoleTransport, "consoleTransport");
        Objects.requireNonNull(startTimeout, "startTimeout");
        Objects.requireNonNull(stopGrace, "stopGrace");
        Objects.requireNonNull(kind, "kind");
        if (checkpointDelay != null && (checkpointDelay.toMillis() < 1 || checkpointDelay.toMillis() > 0xFFFF_FFFFL)) {
            throw new IllegalArgumentException("checkpointDelay must be between 1 ms and 49 days, not " + checkpointDelay);
        }
        if (memoryMb < 16) {
            throw new IllegalArgumentException("memoryMb must be at least 16, not " + memoryMb);
        }
    }

    /** A minimal pair on UNIX monitors, checkpointing every 2 s, stopped when the JVM exits. */
    public static LabOptions defaults() {
        return new LabOptions(DEFAULT_QEMU, null, MonitorTransport.UNIX, null, null, 128, Duration.ofSeconds(20),
                Duration.ofSeconds(3), true, true, LabPairKind.MINIMAL, null);
    }

    /** The checkpoint delay the pair is given. */
    public Duration effectiveCheckpointDelay() {
        return checkpointDelay == null ? DEFAULT_CHECKPOINT_DELAY : checkpointDelay;
    }

    public Optional<Path> explicitRunDir() {
        return Optional.ofNullable(runDir);
    }

    /** The full pair's guest cache. */
    Path guestCacheOr(Map<String, String> environment) {
        return guestCache != null ? guestCache : LabGuest.defaultCache(environment);
    }

    public LabOptions withQemuBinary(String value) {
        return new LabOptions(value, runDir, consoleTransport, accelerator, checkpointDelay, memoryMb, startTimeout,
                stopGrace, stopWhenJvmExits, tcgWorkaround, kind, guestCache);
    }

    public LabOptions withRunDir(Path value) {
        return new LabOptions(qemuBinary, value, consoleTransport, accelerator, checkpointDelay, memoryMb,
                startTimeout, stopGrace, stopWhenJvmExits, tcgWorkaround, kind, guestCache);
    }

    public LabOptions withConsoleTransport(MonitorTransport value) {
        return new LabOptions(qemuBinary, runDir, value, accelerator, checkpointDelay, memoryMb, startTimeout,
                stopGrace, stopWhenJvmExits, tcgWorkaround, kind, guestCache);
    }

    public LabOptions withAccelerator(Accelerator value) {
        return new LabOptions(qemuBinary, runDir, consoleTransport, value, checkpointDelay, memoryMb, startTimeout,
                stopGrace, stopWhenJvmExits, tcgWorkaround, kind, guestCache);
    }

    public LabOptions withCheckpointDelay(Duration value) {
        return new LabOptions(qemuBinary, runDir, consoleTransport, accelerator, value, memoryMb, startTimeout,
                stopGrace, stopWhenJvmExits, tcgWorkaround, kind, guestCache);
    }

    public LabOptions withMemoryMb(int value) {
        return new LabOptions(qemuBinary, runDir, consoleTransport, accelerator, checkpointDelay, value, startTimeout,
                stopGrace, stopWhenJvmExits, tcgWorkaround, kind, guestCache);
    }

    public LabOptions withStartTimeout(Duration value) {
        return new LabOptions(qemuBinary, runDir, consoleTransport, accelerator, checkpointDelay, memoryMb, value,
                stopGrace, stopWhenJvmExits, tcgWorkaround, kind, guestCache);
    }

    public LabOptions withStopGrace(Duration value) {
        return new LabOptions(qemuBinary, runDir, consoleTransport, accelerator, checkpointDelay, memoryMb,
                startTimeout, value, stopWhenJvmExits, tcgWorkaround, kind, guestCache);
    }

    public LabOptions withStopWhenJvmExits(boolean value) {
        return new LabOptions(qemuBinary, runDir, consoleTransport, accelerator, checkpointDelay, memoryMb,
                startTimeout, stopGrace, value, tcgWorkaround, kind, guestCache);
    }

    public LabOptions withTcgWorkaround(boolean value) {
        return new LabOptions(qemuBinary, runDir, consoleTransport, accelerator, checkpointDelay, memoryMb,
                startTimeout, stopGrace, stopWhenJvmExits, value, kind, guestCache);
    }

    public LabOptions withKind(LabPairKind value) {
        return new LabOptions(qemuBinary, runDir, consoleTransport, accelerator, checkpointDelay, memoryMb,
                startTimeout, stopGrace, stopWhenJvmExits, tcgWorkaround, value, guestCache);
    }

    public LabOptions withGuestCache(Path value) {
        return new LabOptions(qemuBinary, runDir, consoleTransport, accelerator, checkpointDelay, memoryMb,
                startTimeout, stopGrace, stopWhenJvmExits, tcgWorkaround, kind, value);
    }
}
