package org.coloconsole.app.cli;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.coloconsole.app.GuiLauncher;
import org.coloconsole.app.profile.ConnectionProfile;
import org.coloconsole.colo.ServiceProbe;
import org.coloconsole.colo.ServiceProbes;
import org.coloconsole.colo.Side;
import org.coloconsole.engine.FenceSpec;
import org.coloconsole.engine.HeartbeatSettings;
import org.coloconsole.engine.PairConfig;
import org.coloconsole.qmp.Endpoint;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * The pair's two monitors (given, or a saved profile's), its name, the heartbeat and how to reach the monitors
 * safely, shared by every command that takes a pair (watch, status, failover, jobs, job).
 */
final class PairOptions {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    private final Profiles profiles;

    @Option(names = "--primary", paramLabel = "ENDPOINT", converter = EndpointConverter.class,
            description = "the primary's QMP monitor (tcp:HOST:PORT, tls:HOST:PORT or unix:/path)")
    Endpoint primary;

    @Option(names = "--secondary", paramLabel = "ENDPOINT", converter = EndpointConverter.class,
            description = "the secondary's QMP monitor")
    Endpoint secondary;

    @Option(names = "--profile", paramLabel = "NAME", description = "a saved profile (Connect… in the window): its "
            + "monitors, heartbeat and TLS settings, instead of --primary and --secondary")
    String profile;

    @Option(names = "--name", paramLabel = "NAME", description = "the pair's name in what is printed (default: the "
            + "profile's, else made from the endpoints' hosts)")
    String name;

    @Option(names = "--heartbeat", defaultValue = "250ms", converter = DurationConverter.class, paramLabel = "INTERVAL",
            description = "ping interval (default ${DEFAULT-VALUE})")
    Duration interval;

    @Option(names = "--misses", defaultValue = "3", paramLabel = "N",
            description = "missed intervals before a side counts as unresponsive (default ${DEFAULT-VALUE})")
    int misses;

    @Option(names = "--probe-primary", paramLabel = "PROBE", description = "the primary guest's service: "
            + "tcp:HOST:PORT, or http://HOST:PORT/PATH answering 200 (loopback only unless --allow-remote-probes)")
    String probePrimary;

    @Option(names = "--probe-secondary", paramLabel = "PROBE", description = "the secondary guest's service, as "
            + "--probe-primary")
    String probeSecondary;

    @Option(names = "--allow-remote-probes", description = "let the probes reach hosts that are not loopback")
    boolean allowRemoteProbes;

    @Option(names = "--service-within", defaultValue = "10s", converter = DurationConverter.class,
            paramLabel = "DURATION", description = "how long the survivor's probe may take to pass after a failover "
            + "(default ${DEFAULT-VALUE})")
    Duration serviceWithin;

    @Mixin
    TransportOptions transport;

    private ConnectionProfile resolved;

    /** Picocli makes it through {@link Profiles#factory}. */
    PairOptions(Profiles profiles) {
        this.profiles = profiles;
    }

    PairConfig config() {
        CommandLine line = mixee.commandLine();
        Optional<ConnectionProfile> saved = savedProfile();
        if (saved.isPresent()) {
            ConnectionProfile p = saved.get();
            try {
                HeartbeatSettings heartbeat = given("--heartbeat") || given("--misses")
                        ? heartbeat() : p.heartbeat();
                // the profile's probes, as the window uses them, unless the command line names its own
                ServiceProbes probes = given("--probe-primary") || given("--probe-secondary") ? probes()
                        : p.serviceProbes();
                return p.security().applyTo(PairConfig.of(p.endpoints().primary(), p.endpoints().secondary())
                        .withHeartbeat(heartbeat)).withProbes(probes);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(line, "--profile " + p.name() + ": " + e.getMessage());
            }
        }
        if (primary == null || secondary == null) {
            throw new ParameterException(line, primary == null && secondary == null
                    ? "give the pair: --primary ENDPOINT --secondary ENDPOINT, or --profile NAME"
                    : "give both --primary and --secondary (or --profile NAME)");
        }
        return transport.security(line, primary, secondary).applyTo(PairConfig.of(primary, secondary)
                .withHeartbeat(heartbeat())).withProbes(probes());
    }

    /** The saved profile's fence actions ({@code --profile}), or none. */
    Map<Side, FenceSpec> profileFences() {
        Optional<ConnectionProfile> saved = savedProfile();
        if (saved.isEmpty()) {
            return Map.of();
        }
        try {
            return saved.get().autoFailoverSetup().fences();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(mixee.commandLine(), "--profile " + saved.get().name() + ": "
                    + e.getMessage());
        }
    }

    /** The pair's name: {@code --name}, the profile's, or one made from the endpoints. */
    String name() {
        if (name != null && !name.isBlank()) {
            return name.strip();
        }
        Optional<ConnectionProfile> saved = savedProfile();
        if (saved.isPresent()) {
            return saved.get().name();
        }
        PairConfig config = config();
        return new GuiLauncher.PairEndpoints(config.primary(), config.secondary()).derivedName();
    }

    private Optional<ConnectionProfile> savedProfile() {
        if (profile == null) {
            return Optional.empty();
        }
        CommandLine line = mixee.commandLine();
        if (primary != null || secondary != null) {
            throw new ParameterException(line, "--profile " + profile + " names the pair: leave out --primary and"
                    + " --secondary");
        }
        if (transport.given()) {
            throw new ParameterException(line, "--profile " + profile + " has its own TLS settings: leave out"
                    + " --tls-ca, --tls-cert, --tls-key and --allow-insecure (change them with Connect… in the window)");
        }
        if (resolved == null) {
            resolved = profiles.named(line, profile);
        }
        return Optional.of(resolved);
    }

    private boolean given(String option) {
        return mixee.commandLine().getParseResult() != null
                && mixee.commandLine().getParseResult().hasMatchedOption(option);
    }

    private HeartbeatSettings heartbeat() {
        return new HeartbeatSettings(interval, misses,
                Duration.ofMillis(Math.max(3000, interval.toMillis() * misses * 2)));
    }

    private ServiceProbes probes() {
        return new ServiceProbes(probe("--probe-primary", probePrimary),
                probe("--probe-secondary", probeSecondary), allowRemoteProbes, serviceWithin);
    }

    private Optional<ServiceProbe> probe(String flag, String text) {
        if (text == null) {
            return Optional.empty();
        }
        String problem = ServiceProbe.problem(text);
        if (!problem.isEmpty()) {
            throw new ParameterException(mixee.commandLine(), flag + ": " + problem);
        }
        return ServiceProbe.parse(text);
    }
}
