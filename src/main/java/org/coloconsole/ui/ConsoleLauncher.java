package org.coloconsole.ui;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Application;
import org.coloconsole.app.GuiLauncher;
import org.coloconsole.app.TransportSecurity;
import org.coloconsole.app.lab.LabOptions;
import org.coloconsole.app.lab.LabPairKind;
import org.coloconsole.app.profile.ProfileStore;
import org.coloconsole.colo.Alert;
import org.coloconsole.engine.AuditTrailFactory;
import org.coloconsole.engine.DesktopNotifier;
import org.coloconsole.engine.FatalErrors;
import org.coloconsole.engine.MonotonicTimeline;
import org.coloconsole.engine.PairClaims;

/** Opens the console window from the entry point: builds the context and launches JavaFX (blocking). */
public final class ConsoleLauncher implements GuiLauncher {
    private final PairConnector connector;
    private final LabStarter lab;
    private final ProfileStore profiles;
    private final boolean dark;
    private final Supplier<WindowMemory> window;
    private FatalErrors fatal = new FatalErrors();
    /**
     * The window's alerts need no listener of the launcher's: each session's AlertOutlet (SupervisorSession.connector
     * in {@link #standard}) already takes them to the desktop and the profile's alert command.
     */
    private static final Consumer<Alert> NO_EXTRA_ALERTS = alert -> { };
    /** Longer than a runbook's bounded steps take, so a failover running as the window closes ends first. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(90);
    /** The window's "now" for ages: the same time line as the pairs' observations (the connector's). */
    private Clock clock = MonotonicTimeline.system();

    public ConsoleLauncher(PairConnector connector, LabStarter lab, ProfileStore profiles, boolean dark) {
        this(connector, lab, profiles, dark, WindowMemory::none);
    }

    /** @param window read when the window opens (not on the CLI's paths), before JavaFX starts */
    public ConsoleLauncher(PairConnector connector, LabStarter lab, ProfileStore profiles, boolean dark,
                           Supplier<WindowMemory> window) {
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
    public static ConsoleLauncher standard(Map<String, String> environment,
                                           AuditTrailFactory journal,
                                           FatalErrors fatal) {
        // the window's lab is the full pair: a disk, the COLO proxy and a guest whose service can be probed
        LabOptions lab = LabOptions.defaults()
                .withKind(LabPairKind.FULL).withStartTimeout(Duration.ofSeconds(60));
        Executor notifying = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "desktop-notify");
            t.setDaemon(true);
            return t;
        });
        // one time line for the window and every pair it opens: ages are judged on it, never on the wall clock
        MonotonicTimeline timeline = MonotonicTimeline.system();
        // each session sends its alerts to the desktop and to its profile's alert command, behind one rate limit
        // who this process is when it claims a pair, and where this host's pair locks are: one for every pair
        PairConnector connector = SupervisorSession.connector(journal, timeline,
                Optional.of(DesktopNotifier.standard(notifying)),
                PairClaims.forThisProcess(environment));
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
