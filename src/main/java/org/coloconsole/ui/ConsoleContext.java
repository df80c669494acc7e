package org.coloconsole.ui;

import java.time.Clock;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.coloconsole.app.GuiLauncher.PairEndpoints;
import org.coloconsole.app.TransportSecurity;
import org.coloconsole.app.profile.ProfileStore;
import org.coloconsole.colo.Alert;
import org.coloconsole.engine.FatalErrors;

/**
 * What the window is built from, made once by the launcher.
 *
 * @param initialPair     a pair to open straight away (from {@code --primary/--secondary}), else the start screen
 * @param initialSecurity how that pair is reached: the command line's {@code --tls-*} and {@code --allow-insecure}
 * @param startLab        whether the window starts a local lab pair at once and opens it ({@code --lab})
 * @param alerts          a further listener for the window's alerts; the desktop notification and the alert command
 *                        are the session's own (SupervisorSession), so the shipped console passes none
 * @param window          the window's size, place, divider and theme from the last run, and where to save them
 * @param fatal           where a fatal error on any of the console's threads is reported: the window says so and
 *                        stops offering failovers
 * @param closes          sessions still closing (waiting for a failover's outcome) when the window has gone
 * @param initialName     the first pair's name ({@code --name}); blank: made from its endpoints
 * @param initialProfile  a saved profile to open straight away ({@code --profile}), instead of {@code initialPair}
 */
public record ConsoleContext(Optional<PairEndpoints> initialPair, TransportSecurity initialSecurity,
                             PairConnector connector, LabStarter lab, ProfileStore profiles, Clock clock, ZoneId zone,
                             boolean dark, boolean startLab, WindowMemory window,
                             Consumer<Alert> alerts,
                             FatalErrors fatal, PendingCloses closes, String initialName,
                             Optional<String> initialProfile) {
    public ConsoleContext {
        Objects.requireNonNull(fatal, "fatal");
        Objects.requireNonNull(closes, "closes");
        Objects.requireNonNull(initialName, "initialName");
        Objects.requireNonNull(initialProfile, "initialProfile");
        Objects.requireNonNull(alerts, "alerts");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(initialPair, "initialPair");
        Objects.requireNonNull(initialSecurity, "initialSecurity");
        Objects.requireNonNull(connector, "connector");
        Objects.requireNonNull(lab, "lab");
        Objects.requireNonNull(profiles, "profiles");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(zone, "zone");
    }

    /** A window whose first pair (if any) is named after its endpoints. */
    public ConsoleContext(Optional<PairEndpoints> initialPair, TransportSecurity initialSecurity,
                          PairConnector connector, LabStarter lab, ProfileStore profiles, Clock clock, ZoneId zone,
                          boolean dark, boolean startLab, WindowMemory window,
                          Consumer<Alert> alerts) {
        this(initialPair, initialSecurity, connector, lab, profiles, clock, zone, dark, startLab, window, alerts,
                new FatalErrors(), new PendingCloses(), "", Optional.empty());
    }

    /** The first pair's name: {@code --name}, else one made from its endpoints. */
    public String initialPairName(PairEndpoints pair) {
        return initialName.isBlank() ? pair.derivedName() : initialName;
    }

    /** A window that remembers nothing (the tests' windows). */
    public ConsoleContext(Optional<PairEndpoints> initialPair, TransportSecurity initialSecurity,
                          PairConnector connector, LabStarter lab, ProfileStore profiles, Clock clock, ZoneId zone,
                          boolean dark, boolean startLab) {
        this(initialPair, initialSecurity, connector, lab, profiles, clock, zone, dark, startLab, WindowMemory.none(),
                alert -> { }, new FatalErrors(), new PendingCloses(), "", Optional.empty());
    }

    /** A window whose first pair (if any) is local: no TLS files, plain TCP to loopback only. */
    public ConsoleContext(Optional<PairEndpoints> initialPair, PairConnector connector, LabStarter lab,
                          ProfileStore profiles, Clock clock, ZoneId zone, boolean dark) {
        this(initialPair, TransportSecurity.none(), connector, lab, profiles, clock, zone, dark, false);
    }
}
