package org.coloconsole.ui;

import java.time.Clock;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;
import org.coloconsole.app.GuiLauncher.PairEndpoints;
import org.coloconsole.app.profile.ProfileStore;

/**
 * What the window is built from, made once by the launcher.
 *
 * @param initialPair a pair to open straight away (from {@code --primary/--secondary}), else the start screen
 */
public record ConsoleContext(Optional<PairEndpoints> initialPair, PairConnector connector, LabStarter lab,
                             ProfileStore profiles, Clock clock, ZoneId zone, boolean dark) {
    public ConsoleContext {
        Objects.requireNonNull(initialPair, "initialPair");
        Objects.requireNonNull(connector, "connector");
        Objects.requireNonNull(lab, "lab");
        Objects.requireNonNull(profiles, "profiles");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(zone, "zone");
    }
}
