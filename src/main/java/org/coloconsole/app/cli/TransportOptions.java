package org.coloconsole.app.cli;

import java.nio.file.Path;
import java.util.Optional;
import org.coloconsole.app.TransportSecurity;
import org.coloconsole.qmp.Endpoint;
import org.coloconsole.qmp.TlsFileException;
import org.coloconsole.qmp.TlsSettings;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * How monitors are reached safely: the TLS files for {@code tls:} endpoints and whether plain TCP may leave loopback.
 * One set of options and one set of usage errors for every command that connects (the pair commands, {@code qmp} and
 * the window opened on {@code --primary/--secondary}).
 */
final class TransportOptions {
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

    /** Whether any of these options was given. */
    boolean given() {
        return tlsCa != null || tlsCert != null || tlsKey != null || allowInsecure;
    }

    /**
     * The options as a {@link TransportSecurity} for {@code endpoints}.
     *
     * @throws CommandLine.ParameterException (exit 2, with the sentence) for a combination that cannot work, or a file
     *                                        that does not hold what its option needs
     */
    TransportSecurity security(CommandLine commandLine, Endpoint... endpoints) {
        return new TransportSecurity(Optional.ofNullable(tls(commandLine, endpoints)), allowInsecure);
    }

    /** The TLS files as given, or null without {@code --tls-ca}. */
    private TlsSettings tls(CommandLine commandLine, Endpoint... endpoints) {
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new CommandLine.ParameterException(commandLine, tlsCert == null
                    ? "--tls-key needs the certificate it belongs to: add --tls-cert FILE"
                    : "--tls-cert needs its private key: add --tls-key FILE");
        }
        if (tlsCa == null) {
            if (tlsCert != null) {
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
        TlsSettings settings = new TlsSettings(tlsCa, tlsCert, tlsKey);
        try {
            // read now, as the profile form reads them: a wrong file is the operator's to fix, not a side "down"
            settings.check();
        } catch (TlsFileException e) {
            throw new CommandLine.ParameterException(commandLine, e.getMessage());
        }
        return settings;
    }
}
