package org.coloconsole.app.cli;

import java.time.Duration;
import java.util.Optional;
import org.coloconsole.colo.ServiceProbe;
import org.coloconsole.colo.ServiceProbes;
import org.coloconsole.engine.HeartbeatSettings;
import org.coloconsole.engine.PairConfig;
import org.coloconsole.qmp.Endpoint;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The pair's two monitors, the heartbeat and how to reach the monitors safely, shared by watch, status and failover. */
final class PairOptions {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    @Option(names = "--primary", required = true, paramLabel = "ENDPOINT", converter = EndpointConverter.class,
            description = "the primary's QMP monitor (tcp:HOST:PORT, tls:HOST:PORT or unix:/path)")
    Endpoint primary;

    @Option(names = "--secondary", required = true, paramLabel = "ENDPOINT", converter = EndpointConverter.class,
            description = "the secondary's QMP monitor")
    Endpoint secondary;

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

    PairConfig config() {
        return transport.security(mixee.commandLine(), primary, secondary).applyTo(PairConfig.of(primary, secondary)
                .withHeartbeat(new HeartbeatSettings(interval, misses,
                        Duration.ofMillis(Math.max(3000, interval.toMillis() * misses * 2)))))
                .withProbes(new ServiceProbes(probe("--probe-primary", probePrimary),
                        probe("--probe-secondary", probeSecondary), allowRemoteProbes, serviceWithin));
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
