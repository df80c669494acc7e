package org.coloconsole.app.cli;

import java.time.Duration;
import java.util.Optional;
import org.coloconsole.engine.Reprotection;
import picocli.CommandLine.Option;

/**
 * The options of a protection restored onto a new secondary, shared by {@code protect}, {@code reprotect} and
 * {@code swap} (a picocli mixin): where the new side listens, the pair's checkpoint delay, and how long each phase
 * may take.
 */
final class RestoreOptions {
    /** The checkpoint delay when neither the flag nor the current primary gives one (QEMU's own default). */
    private static final Duration QEMU_DEFAULT_DELAY = Duration.ofSeconds(20);

    @Option(names = "--nbd", paramLabel = "HOST:PORT", description = "the new side's NBD server (default: a free "
            + "port on the new side's loopback host)")
    String nbd;

    @Option(names = "--incoming", paramLabel = "tcp:HOST:PORT", description = "the new side's migration address "
            + "(default: a free port on the new side's loopback host)")
    String incoming;

    @Option(names = "--checkpoint-delay", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "x-checkpoint-delay of the protected pair (default: the current primary's own)")
    Duration checkpointDelay;

    @Option(names = "--mirror-within", defaultValue = "10m", converter = DurationConverter.class,
            paramLabel = "DURATION", description = "how long the disk copy may take (default ${DEFAULT-VALUE})")
    Duration mirrorWithin;

    @Option(names = "--colo-within", defaultValue = "30s", converter = DurationConverter.class,
            paramLabel = "DURATION", description = "how long COLO may take to come up after migrate (default "
            + "${DEFAULT-VALUE})")
    Duration coloWithin;

    /** The flag's delay, else the current primary's, else QEMU's default. */
    Duration checkpointDelay(Optional<Duration> currentPrimarys) {
        return checkpointDelay != null ? checkpointDelay : currentPrimarys.orElse(QEMU_DEFAULT_DELAY);
    }

    Reprotection.Timeouts timeouts(Duration delay) {
        return Reprotection.Timeouts.of(mirrorWithin, coloWithin, delay);
    }
}
