package org.coloconsole.app;

import java.util.Objects;
import java.util.Optional;
import org.coloconsole.engine.PairConfig;
import org.coloconsole.qmp.TlsSettings;

/**
 * How a pair's monitors are reached safely: the TLS files for {@code tls:} endpoints, and whether plain {@code tcp:} may
 * reach a non-loopback address. The qmp layer enforces both when it connects; this only carries them there.
 *
 * @param tls           CA and optional client certificate, empty when no endpoint is {@code tls:}
 * @param allowInsecure whether plain TCP to a non-loopback address is allowed
 */
public record TransportSecurity(Optional<TlsSettings> tls, boolean allowInsecure) {
    public TransportSecurity {
        Objects.requireNonNull(tls, "tls");
    }

    /** No TLS files, plain TCP to loopback only: what a local pair (the lab) needs. */
    public static TransportSecurity none() {
        return new TransportSecurity(Optional.empty(), false);
    }

    public PairConfig applyTo(PairConfig config) {
        return config.withTls(tls.orElse(null)).withAllowInsecure(allowInsecure);
    }
}
