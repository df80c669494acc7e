package org.coloconsole.app.cli;

import java.time.Duration;
import org.coloconsole.engine.HeartbeatSettings;
import org.coloconsole.engine.PairConfig;
import org.coloconsole.qmp.Endpoint;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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

    @Mixin
    TransportOptions transport;

    PairConfig config() {
        return transport.security(mixee.commandLine(), primary, secondary).applyTo(PairConfig.of(primary, secondary)
                .withHeartbeat(new HeartbeatSettings(interval, misses,
                        Duration.ofMillis(Math.max(3000, interval.toMillis() * misses * 2)))));
    }
}
