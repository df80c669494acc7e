package org.coloconsole.ui;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.coloconsole.app.TransportSecurity;
import org.coloconsole.colo.ServiceProbes;
import org.coloconsole.colo.Side;
import org.coloconsole.engine.AlertCommand;
import org.coloconsole.engine.AutoFailoverSetup;
import org.coloconsole.engine.FenceSpec;

/**
 * What a pair's session needs besides its endpoints and heartbeat, as a profile (or the lab) gives it: how to reach
 * the monitors, what proves the guest serves, whether the console fails over on its own, and what to run at an alert.
 *
 * @param security     the TLS files for {@code tls:} endpoints and whether plain TCP may leave loopback
 * @param probes       each side's service probe, shown on the cards and required for VERIFIED
 * @param autoFailover the automatic failover and its fence actions; off unless the profile turns it on
 * @param alertCommand a program run at each alert with the event as JSON on stdin
 */
public record SessionOptions(TransportSecurity security, ServiceProbes probes, AutoFailoverSetup autoFailover,
                             Optional<AlertCommand> alertCommand) {
    public SessionOptions {
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(probes, "probes");
        Objects.requireNonNull(autoFailover, "autoFailover");
        Objects.requireNonNull(alertCommand, "alertCommand");
    }

    /** Only the transport: no probes, no automatic failover, no alert command. */
    public static SessionOptions of(TransportSecurity security) {
        return new SessionOptions(security, ServiceProbes.none(), AutoFailoverSetup.off(), Optional.empty());
    }

    /**
     * The same pair's options for a session whose primary is this one's secondary (restoring protection makes the
     * survivor the primary): each side's probe and fence action go with its host.
     */
    public SessionOptions withSidesSwapped() {
        Map<Side, FenceSpec> fences = new EnumMap<>(Side.class);
        autoFailover.fences().forEach((side, spec) -> fences.put(side.other(), spec));
        return new SessionOptions(security, new ServiceProbes(probes.secondary(), probes.primary(),
                probes.allowRemote(), probes.within()), new AutoFailoverSetup(autoFailover.enabled(),
                autoFailover.grace(), fences), alertCommand);
    }

    public SessionOptions withProbes(ServiceProbes value) {
        return new SessionOptions(security, value, autoFailover, alertCommand);
    }
}
