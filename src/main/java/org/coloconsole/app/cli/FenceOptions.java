package org.coloconsole.app.cli;

import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.coloconsole.colo.Side;
import org.coloconsole.engine.FenceSpec;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * Each side's fence action, as {@code watch} and {@code failover} take it: a failover (by hand or automatic) runs the
 * other side's when that side does not answer, and a successful one proves it down. Without these flags, a
 * {@code --profile}'s fence actions.
 */
final class FenceOptions {
    @Option(names = "--fence-primary", paramLabel = "AGENT", description = "a fence agent for the primary's host, in "
            + "the conventions of fence-agents (options on stdin, exit 0 on success), e.g. a lab's fence_colo_lab")
    String fencePrimary;

    @Option(names = "--fence-primary-option", paramLabel = "KEY=VALUE", description = "a line of the primary's fence "
            + "agent's standard input (repeatable), e.g. plug=primary")
    List<String> fencePrimaryOptions = List.of();

    @Option(names = "--fence-secondary", paramLabel = "AGENT", description = "a fence agent for the secondary's host")
    String fenceSecondary;

    @Option(names = "--fence-secondary-option", paramLabel = "KEY=VALUE", description = "a line of the secondary's "
            + "fence agent's standard input (repeatable)")
    List<String> fenceSecondaryOptions = List.of();

    @Option(names = "--fence-timeout", defaultValue = "30s", converter = DurationConverter.class,
            paramLabel = "DURATION", description = "after this a fence agent's process group is killed and the fence "
            + "counts as failed (default ${DEFAULT-VALUE})")
    Duration fenceTimeout;

    /** The flags' fence actions; when none is given, {@code profiles}' (a saved profile's, or none). */
    Map<Side, FenceSpec> fences(CommandLine cli, Map<Side, FenceSpec> profiles) {
        Map<Side, FenceSpec> fences = new EnumMap<>(Side.class);
        spec(cli, "--fence-primary", fencePrimary, fencePrimaryOptions).ifPresent(s -> fences.put(Side.PRIMARY, s));
        spec(cli, "--fence-secondary", fenceSecondary, fenceSecondaryOptions)
                .ifPresent(s -> fences.put(Side.SECONDARY, s));
        return fences.isEmpty() ? profiles : fences;
    }

    private Optional<FenceSpec> spec(CommandLine cli, String flag, String agent, List<String> lines) {
        if (agent == null) {
            if (!lines.isEmpty()) {
                throw new ParameterException(cli, flag + "-option needs " + flag + " (the agent it is for)");
            }
            return Optional.empty();
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (String line : lines) {
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new ParameterException(cli, flag + "-option takes KEY=VALUE, not \"" + line + "\"");
            }
            options.put(line.substring(0, eq).strip(), line.substring(eq + 1));
        }
        try {
            return Optional.of(new FenceSpec(List.of(agent), options, fenceTimeout));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cli, flag + ": " + e.getMessage());
        }
    }
}
