package org.coloconsole.app.cli;

import java.nio.file.Path;
import java.time.Duration;
import org.coloconsole.app.HeartbeatSettings;
import org.coloconsole.app.PairConfig;
import org.coloconsole.qmp.Endpoint;
import org.coloconsole.qmp.TlsSettings;
import picocli.CommandLine;
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

    @Option(names = "--tls-ca", paramLabel = "FILE",
            description = "PEM file of the CA that signed QEMU's server certificate, for every tls: endpoint")
    Path tlsCa;

    @Option(names = "--tls-cert", paramLabel = "FILE",
            description = "PEM client certificate, for monitors started with verify-peer=on (with --tls-key)")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE",
            description = "PEM (PKCS#8) key of --tls-cert; convert others with openssl pkcs8 -topk8 -nocrypt")
    Path tlsKey;

    @Option(names = "--allow-insecure",
            description = "allow plain tcp: to a non-loopback address (anyone on that network could control the VM)")
    boolean allowInsecure;

    PairConfig config() {
        return PairConfig.of(primary, secondary).withHeartbeat(
                new HeartbeatSettings(interval, misses, Duration.ofMillis(Math.max(3000, interval.toMillis() * misses * 2))))
                .withTls(tls(mixee.commandLine(), tlsCa, tlsCert, tlsKey, primary, secondary))
                .withAllowInsecure(allowInsecure);
    }

    /**
     * The TLS files as given, or null without {@code --tls-ca}; a combination that cannot work is a usage error.
     * Shared with {@link QmpCommand}, which has the same options.
     */
    static TlsSettings tls(CommandLine commandLine, Path ca, Path cert, Path key, Endpoint... endpoints) {
        if ((cert == null) != (key == null)) {
            throw new CommandLine.ParameterException(commandLine, cert == null
                    ? "--tls-key needs the certificate it belongs to: add --tls-cert FILE"
                    : "--tls-cert needs its private key: add --tls-key FILE");
        }
        if (ca == null) {
            if (cert != null) {
                throw new CommandLine.ParameterException(commandLine,
                        "--tls-cert and --tls-key need --tls-ca FILE, the CA that signed QEMU's server certificate");
            }
            for (Endpoint endpoint : endpoints) {
                if (endpoint instanceof Endpoint.Tls) {
                    throw new CommandLine.ParameterException(commandLine, endpoint
                            + " needs --tls-ca FILE, the CA that signed QEMU's server certificate");
                }
            }
            return null;
        }
        return new TlsSettings(ca, cert, key);
    }
}
