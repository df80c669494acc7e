package org.coloconsole.app.cli;

import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The automatic-failover policy as {@code watch} takes it (its fence actions are {@link FenceOptions}). */
final class AutoFailoverOptions {
    @Option(names = "--auto-failover", description = "promote the survivor on its own when the other side is proven "
            + "down (its QEMU gone on a UNIX monitor of this host, or fenced by its --fence-… action) and the survivor "
            + "reports COLO_EXIT error, after --grace; once, then disarmed")
    boolean enabled;

    @Option(names = "--grace", defaultValue = "2s", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "the countdown before an automatic failover, in which Ctrl-C stops it (default "
                    + "${DEFAULT-VALUE})")
    Duration grace;

    /** The countdown, checked. */
    Duration grace(CommandLine cli) {
        if (grace.isNegative()) {
            throw new ParameterException(cli, "--grace cannot be negative: " + grace);
        }
        return grace;
    }
}
