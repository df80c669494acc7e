package org.coloconsole.ui;

import java.time.Clock;
import java.time.ZoneId;
import java.util.Optional;
import javafx.application.Application;
import org.coloconsole.app.GuiLauncher;
import org.coloconsole.app.TransportSecurity;
import org.coloconsole.app.profile.ProfileStore;
import org.coloconsole.engine.MonotonicTimeline;

/** Opens the console window from the entry point: builds the context and launches JavaFX (blocking). */
public final class ConsoleLauncher implements GuiLauncher {
    private final PairConnector connector;
    private final LabStarter lab;
    private final ProfileStore profiles;
    private final boolean dark;
    private final java.util.function.Supplier<WindowMemory> window;
    private org.coloconsole.engine.FatalErrors fatal = new org.coloconsole.engine.FatalErrors();
    /**
     * The window's alerts need no listener of the launcher's: each session's AlertOutlet (SupervisorSession.connector
     * in {@link #standard}) already takes them to the desktop and the profile's alert command.
     */
    private static final java.util.function.Consumer<org.coloconsole.colo.Alert> NO_EXTRA_ALERTS = alert -> { };
    /** Longer than a runbook's bounded steps take, so a failover running as the window closes ends first. */
    static final java.time.Duration CLOSE_WAIT = java.time.Duration.ofSeconds(90);
    /** The window's "now" for ages: the same time line as the pairs' observations (the connector's). */
    private Clock clock = MonotonicTimeline.system();

    public ConsoleLauncher(PairConnector connector, LabStarter lab, ProfileStore profiles, boolean dark) {
        this(connector, lab, profiles, dark, WindowMemory::none);
    }

    /** @param window read when the window opens (not on the CLI's paths), before JavaFX starts */
    public ConsoleLauncher(PairConnector connector, LabStarter lab, ProfileStore profiles, boolean dark,
                           java.util.function.Supplier<WindowMemory> window) {
        this.window = window;
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
                                           org.coloconsole.engine.AuditTrailFactory journal,
                                           org.coloconsole.engine.FatalErrors fatal) {
        // the window's lab is the full pair: a disk, the COLO proxy and a guest whose service can be probed
        org.coloconsole.app.lab.LabOptions lab = org.coloconsole.app.lab.LabOptions.defaults()
                .withKind(org.coloconsole.app.lab.LabPairKind.FULL).withStartTimeout(java.time.Duration.ofSeconds(60));
        java.util.concurrent.Executor notifying = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "desktop-notify");
            t.setDaemon(true);
            return t;
        });
        // one time line for the window and every pair it opens: ages are judged on it, never on the wall clock
        MonotonicTimeline timeline = MonotonicTimeline.system();
        // each session sends its alerts to the desktop and to its profile's alert command, behind one rate limit
        // who this process is when it claims a pair, and where this host's pair locks are: one for every pair
        PairConnector connector = SupervisorSession.connector(journal, timeline,
                Optional.of(org.coloconsole.engine.DesktopNotifier.standard(notifying)),
                org.coloconsole.engine.PairClaims.forThisProcess(environment));
        ConsoleLauncher launcher = new ConsoleLauncher(connector, new LabPairStarter(lab),
                ProfileStore.inConfigDir(environment), "dark".equalsIgnoreCase(environment.get("COLO_CONSOLE_THEME")),
                () -> WindowMemory.inConfigDir(environment));
        launcher.fatal = fatal;
        launcher.clock = timeline;
        return launcher;
    }

    @Override
    public int launch(WindowStart start) {
        Optional<PairEndpoints> pair = start instanceof WindowStart.Pair p ? Optional.of(p.endpoints())
                : Optional.empty();
        TransportSecurity security = start instanceof WindowStart.Pair p ? p.security() : TransportSecurity.none();
        String name = start instanceof WindowStart.Pair p ? p.name() : "";
        Optional<String> profile = start instanceof WindowStart.Profile p ? Optional.of(p.name()) : Optional.empty();
        return open(new ConsoleContext(pair, security, connector, lab, profiles, clock,
                ZoneId.systemDefault(), dark, start instanceof WindowStart.Lab, window.get(), NO_EXTRA_ALERTS, fatal,
                new PendingCloses(), name, profile));
    }

    private static int open(ConsoleContext context) {
        LaunchHandoff.leave(context);
        Application.launch(ConsoleApp.class);
        // the process ends after this: a session still closing waits for its failover's outcome first
        if (!context.closes().awaitAll(CLOSE_WAIT)) {
            System.err.println("A session did not close within " + CLOSE_WAIT.toSeconds() + " s; the journal says "
                    + "how far its failover got.");
        }
        return 0;
    }
}
