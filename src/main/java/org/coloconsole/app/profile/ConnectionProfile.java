package org.coloconsole.app.profile;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import org.coloconsole.app.GuiLauncher.PairEndpoints;
import org.coloconsole.app.TransportSecurity;
import org.coloconsole.colo.ServiceProbes;
import org.coloconsole.engine.AlertCommand;
import org.coloconsole.engine.AutoFailoverSetup;
import org.coloconsole.engine.HeartbeatSettings;
import org.coloconsole.qmp.Endpoint;
import org.coloconsole.qmp.TlsSettings;

/**
 * A named pair as the operator saved it: both monitors, the heartbeat settings and how the monitors are reached
 * safely. Profiles saved before TLS was offered have no TLS fields and load as plain, loopback-only profiles.
 *
 * @param primary       endpoint text, e.g. {@code tcp:10.0.0.1:4444} or {@code unix:/run/colo/primary.sock}
 * @param intervalMs    heartbeat interval
 * @param misses        missed pings that make a side unresponsive
 * @param pingTimeoutMs how long one ping may stay outstanding
 * @param lastUsed      when it was last opened, ISO-8601 (for the recent list); null when never
 * @param tlsCa         path of the PEM CA that signed QEMU's server certificates, for {@code tls:} endpoints; or null
 * @param tlsCert       path of the console's PEM client certificate (QEMU's {@code verify-peer=on}); or null
 * @param tlsKey        path of its PKCS#8 PEM key (only the path is kept, never the key); or null
 * @param allowInsecure whether plain {@code tcp:} may reach a non-loopback address
 * @param probes        each side's service probe; null when the profile names none (and in profiles saved before
 *                      probes were offered)
 * @param autoFailover  the automatic failover and fence actions; null (and not written) when off
 * @param alertCommand  absolute path of a program run at each alert with the event as JSON on stdin; or null
 */
public record ConnectionProfile(String name, String primary, String secondary, long intervalMs, int misses,
                                long pingTimeoutMs, String lastUsed, String tlsCa, String tlsCert, String tlsKey,
                                boolean allowInsecure, ProfileProbes probes, AutoFailoverProfile autoFailover,
                                String alertCommand) {
    public ConnectionProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(primary, "primary");
        Objects.requireNonNull(secondary, "secondary");
        tlsCa = blankToNull(tlsCa);
        tlsCert = blankToNull(tlsCert);
        tlsKey = blankToNull(tlsKey);
        // none set is written as none, so a profile without probes reads as it did before they existed
        probes = probes == null || probes.empty() ? null : probes;
        alertCommand = blankToNull(alertCommand);
    }

    /** A profile without service probes, automatic failover or alert command. */
    public ConnectionProfile(String name, String primary, String secondary, long intervalMs, int misses,
                             long pingTimeoutMs, String lastUsed, String tlsCa, String tlsCert, String tlsKey,
                             boolean allowInsecure) {
        this(name, primary, secondary, intervalMs, misses, pingTimeoutMs, lastUsed, tlsCa, tlsCert, tlsKey,
                allowInsecure, null, null, null);
    }

    /** A profile without TLS files, plain TCP to loopback only. */
    public ConnectionProfile(String name, String primary, String secondary, long intervalMs, int misses,
                             long pingTimeoutMs, String lastUsed) {
        this(name, primary, secondary, intervalMs, misses, pingTimeoutMs, lastUsed, null, null, null, false);
    }

    public static ConnectionProfile of(String name, PairEndpoints pair, HeartbeatSettings heartbeat) {
        return new ConnectionProfile(name, pair.primary().toString(), pair.secondary().toString(),
                heartbeat.interval().toMillis(), heartbeat.misses(), heartbeat.pingTimeout().toMillis(), null);
    }

    /** @throws IllegalArgumentException with a sentence when an endpoint or a setting is not valid */
    public PairEndpoints endpoints() {
        return new PairEndpoints(Endpoint.parse(primary), Endpoint.parse(secondary));
    }

    /** @throws IllegalArgumentException with a sentence when a setting is not valid */
    public HeartbeatSettings heartbeat() {
        return new HeartbeatSettings(Duration.ofMillis(intervalMs), misses,
                Duration.ofMillis(pingTimeoutMs));
    }

    /** When it was last opened; empty when never or when the stored time does not parse. */
    public Optional<Instant> lastUsedAt() {
        try {
            return lastUsed == null ? Optional.empty() : Optional.of(Instant.parse(lastUsed));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * The TLS files and plain-TCP choice, checked the way the dialog checks them.
     *
     * @throws IllegalArgumentException with the first problem's sentence (a file missing, a certificate without its
     *                                  key, plain TCP to a remote host without allow-insecure…)
     */
    public TransportSecurity security() {
        SecurityProblems problems = SecurityProblems.find(primary, secondary, tlsCa, tlsCert, tlsKey, allowInsecure);
        problems.first().ifPresent(sentence -> {
            throw new IllegalArgumentException(sentence);
        });
        Optional<TlsSettings> tls = tlsCa == null ? Optional.empty()
                : Optional.of(new TlsSettings(Path.of(tlsCa), path(tlsCert), path(tlsKey)));
        return new TransportSecurity(tls, allowInsecure);
    }

    /** The same profile with these TLS files (paths, blank for none) and plain-TCP choice. */
    public ConnectionProfile withSecurity(String ca, String cert, String key, boolean insecure) {
        return new ConnectionProfile(name, primary, secondary, intervalMs, misses, pingTimeoutMs, lastUsed, ca, cert,
                key, insecure, probes, autoFailover, alertCommand);
    }

    /** The same profile with these service probes (null: none). */
    public ConnectionProfile withProbes(ProfileProbes value) {
        return new ConnectionProfile(name, primary, secondary, intervalMs, misses, pingTimeoutMs, lastUsed, tlsCa,
                tlsCert, tlsKey, allowInsecure, value, autoFailover, alertCommand);
    }

    /**
     * Each side's service probe, as the engine runs it; none when the profile names none.
     *
     * @throws IllegalArgumentException with the first problem's sentence (a probe that does not parse, a status out
     *                                  of range, a host off loopback without the profile's permission)
     */
    public ServiceProbes serviceProbes() {
        return probes == null ? ServiceProbes.none() : probes.serviceProbes();
    }

    /**
     * The automatic failover this profile asks for (off when it says nothing).
     *
     * @throws IllegalArgumentException with a sentence naming the field that is wrong
     */
    public AutoFailoverSetup autoFailoverSetup() {
        return autoFailover == null ? AutoFailoverSetup.off() : autoFailover.setup();
    }

    public ConnectionProfile usedAt(Instant at) {
        return new ConnectionProfile(name, primary, secondary, intervalMs, misses, pingTimeoutMs, at.toString(),
                tlsCa, tlsCert, tlsKey, allowInsecure, probes, autoFailover, alertCommand);
    }

    /** The same profile with this alert command (a path, blank for none). */
    public ConnectionProfile withAlertCommand(String command) {
        return new ConnectionProfile(name, primary, secondary, intervalMs, misses, pingTimeoutMs, lastUsed, tlsCa,
                tlsCert, tlsKey, allowInsecure, probes, autoFailover, command);
    }

    /**
     * The alert command to run at each alert, if the profile has one.
     *
     * @throws IllegalArgumentException with a sentence when the path is not absolute (what it would run would depend
     *                                  on the directory the console was started in)
     */
    public Optional<AlertCommand> alerting() {
        if (alertCommand == null) {
            return Optional.empty();
        }
        Path program = Path.of(alertCommand);
        if (!program.isAbsolute()) {
            throw new IllegalArgumentException("the alert command must be an absolute path, not " + alertCommand);
        }
        return Optional.of(new AlertCommand(program, AlertCommand.DEFAULT_TIMEOUT));
    }

    private static Path path(String text) {
        return text == null ? null : Path.of(text);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
