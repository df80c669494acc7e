package org.coloconsole.ui;

import java.time.Clock;
import java.time.ZoneId;
import java.util.Optional;
import javafx.application.Application;
import org.coloconsole.app.GuiLauncher;
import org.coloconsole.app.TransportSecurity;
import org.coloconsole.app.profile.ProfileStore;

/** Opens the console window from the entry point: builds the context and launches JavaFX (blocking). */
public final class ConsoleLauncher implements GuiLauncher {
    private final PairConnector connector;
    private final LabStarter lab;
    private final ProfileStore profiles;
    private final boolean dark;

    public ConsoleLauncher(PairConnector connector, LabStarter lab, ProfileStore profiles, boolean dark) {
        this.connector = connector;
        this.lab = lab;
        this.profiles = profiles;
        this.dark = dark;
    }

    /**
     * The console as shipped: sessions over the engine's journaled supervisor, the lab pair with its defaults, profiles in the XDG config
     * dir; dark when {@code COLO_CONSOLE_THEME=dark}.
     */
    public static ConsoleLauncher standard(java.util.Map<String, String> environment,
                                           org.coloconsole.engine.AuditTrailFactory journal) {
        PairConnector connector = SupervisorSession.connector(journal, Clock.systemUTC());
        return new ConsoleLauncher(connector, new LabPairStarter(org.coloconsole.app.lab.LabOptions.defaults()),
                ProfileStore.inConfigDir(environment), "dark".equalsIgnoreCase(environment.get("COLO_CONSOLE_THEME")));
    }

    @Override
    public int launch(Optional<PairEndpoints> pair, TransportSecurity security) {
        LaunchHandoff.leave(new ConsoleContext(pair, security, connector, lab, profiles, Clock.systemUTC(),
                ZoneId.systemDefault(), dark));
        Application.launch(ConsoleApp.class);
        return 0;
    }
}
