package org.coloconsole.ui;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.Duration;
import org.coloconsole.app.GuiLauncher.PairEndpoints;
import org.coloconsole.app.TransportSecurity;
import org.coloconsole.app.profile.ConnectionProfile;
import org.coloconsole.colo.PairSnapshot;
import org.coloconsole.colo.PairState;
import org.coloconsole.colo.ProtectionRestore;
import org.coloconsole.colo.ReprotectPlan;
import org.coloconsole.colo.Side;
import org.coloconsole.colo.SideState;
import org.coloconsole.colo.Topology;
import org.coloconsole.engine.HeartbeatSettings;
import org.coloconsole.qmp.Endpoint;
import org.coloconsole.ui.dashboard.Banner;
import org.coloconsole.ui.dashboard.ConfirmFailoverDialog;
import org.coloconsole.ui.dashboard.DashboardModel;
import org.coloconsole.ui.dashboard.DashboardSplit;
import org.coloconsole.ui.dashboard.DashboardView;
import org.coloconsole.ui.dashboard.FailoverPort;
import org.coloconsole.ui.dashboard.SideCardViewModel;
import org.coloconsole.ui.fx.FxThread;
import org.coloconsole.ui.fx.Tone;
import org.coloconsole.ui.jobs.JobsBinding;
import org.coloconsole.ui.jobs.JobsView;
import org.coloconsole.ui.jobs.JobsViewModel;
import org.coloconsole.ui.log.LogExporter;
import org.coloconsole.ui.log.LogTimes;
import org.coloconsole.ui.log.LogView;
import org.coloconsole.ui.log.LogViewModel;
import org.coloconsole.ui.profile.ProfileDialog;
import org.coloconsole.ui.profile.ProfileFormViewModel;
import org.coloconsole.ui.profile.StartView;
import org.coloconsole.ui.restore.RestoreDialog;
import org.coloconsole.ui.restore.RestorePort;
import org.coloconsole.ui.restore.RestoreViewModel;
import org.controlsfx.control.Notifications;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The window's content and what it does: the start screen until a pair is open, then the banner, the dashboard
 * and the log; the toolbar and status bar throughout. Built in code in one place, on the FX thread.
 */
public final class ConsoleWindow extends BorderPane {
    static final String APP_NAME = "COLO Console";
    private final ConsoleContext context;
    private final FxThread fx;
    private final Theme theme;
    private final ConsoleStatusBar status = new ConsoleStatusBar();
    private final HelpDialogs help;
    private final StackPane center = new StackPane();
    private final VBox top = new VBox();
    private final Button disconnect = new Button("Disconnect", new FontIcon(Material2AL.LINK_OFF));
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(APP_NAME);
    private final ConsoleMenus menus;
    /** The log's clock, the operator's choice (remembered in {@link WindowState}). */
    private final ObjectProperty<LogTimes> logTimes = new SimpleObjectProperty<>(LogTimes.LOCAL);
    /** Profile file I/O runs here, never on the FX thread; one thread keeps the writes in order. */
    private final ExecutorService io = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "console-profile-io");
        t.setDaemon(true);
        return t;
    });
    /**
     * Opening a session (the journal, the sockets) and closing one (which waits for a running failover's outcome)
     * run here, never on the FX thread; one thread keeps them in order, so a pair's journal is released before the
     * next pair opens it.
     */
    private final ExecutorService sessions =
            Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "console-session");
                t.setDaemon(true);
                return t;
            });
    /** Counts the operator's opens: only the latest one's session is shown, an earlier one is closed unseen. */
    private long opens;
    private final Label fatalBanner = new Label();
    private Optional<String> fatal = Optional.empty();
    private Node pairBanner;
    private OptionalDouble savedDivider = OptionalDouble.empty();
    private DashboardModel dashboardModel;
    private DashboardView dashboardView;
    private DashboardSplit split;
    private LogView logView;
    private SessionBinding binding;
    private JobsBinding jobsBinding;
    private LabStarter.RunningLab lab;
    /** What the pair shown was opened with: restoring protection reopens the window on survivor + new side with it. */
    private OpenedWith shown;
    /** The restore dialog's blocking work (connecting, the check, the flow, the lab's new QEMU), never the FX thread. */
    private final ExecutorService restoring = Executors.newCachedThreadPool(
            r -> {
                Thread t = new Thread(r, "console-restore");
                t.setDaemon(true);
                return t;
            });

    private record OpenedWith(String name, PairEndpoints pair, HeartbeatSettings heartbeat, SessionOptions options) {
    }

    public ConsoleWindow(ConsoleContext context, FxThread fx, Theme theme) {
        this.context = context;
        this.fx = fx;
        this.theme = theme;
        this.help = new HelpDialogs(this::window, this::styled, io, fx, status::message);
        setId("console-window");
        logTimes.set(context.window().loaded().logTimes());
        menus = new ConsoleMenus(new MenuActions(), theme.darkProperty(), logTimes);
        top.getChildren().add(toolbar());
        setTop(top);
        setCenter(center);
        setBottom(status);
        fatalBanner.setId("fatal-banner");
        fatalBanner.getStyleClass().add("fatal-banner");
        fatalBanner.setWrapText(true);
        fatalBanner.setMaxWidth(Double.MAX_VALUE);
        fatalBanner.setPadding(new Insets(8, 12, 8, 12));
        Tone.FAIL.applyTo(fatalBanner);
        showStart();
        context.fatal().subscribe(f -> fx.execute(() -> showFatal(f.sentence())));
    }

    /** A fatal error on one of the console's threads: said above everything, and no failover is offered any more. */
    private void showFatal(String sentence) {
        fatal = Optional.of(sentence);
        fatalBanner.setText(sentence);
        layoutTop();
        status.message(sentence);
        if (dashboardModel != null) {
            dashboardModel.failover().halt(sentence);
        }
        // nor does the policy act on its own from a console that has just said it cannot be trusted
        if (binding != null) {
            binding.session().autoFailover().ifPresent(policy -> policy.disarm(sentence));
        }
    }

    /** The toolbar, then the fatal error's banner when there is one, then the pair's banner while a pair is open. */
    private void layoutTop() {
        List<Node> rows = new ArrayList<>();
        rows.add(top.getChildren().get(0));
        fatal.ifPresent(f -> rows.add(fatalBanner));
        if (pairBanner != null) {
            rows.add(pairBanner);
        }
        top.getChildren().setAll(rows);
    }

    private HBox toolbar() {
        Label title = new Label("COLO Console", new FontIcon(Material2MZ.SECURITY));
        title.getStyleClass().add("app-title");
        Button connect = new Button("Connect…", new FontIcon(Material2AL.LINK));
        connect.setId("toolbar-connect");
        connect.setTooltip(new Tooltip("Connect to a pair (Ctrl+O)"));
        connect.setOnAction(e -> connectDialog());
        connect.setAccessibleText("Connect to a pair");
        disconnect.setAccessibleText("Disconnect from the pair");
        disconnect.setId("toolbar-disconnect");
        disconnect.setDisable(true);
        disconnect.setOnAction(e -> disconnectPair());
        ToggleButton dark = new ToggleButton("Dark", new FontIcon(Material2MZ.NIGHTS_STAY));
        dark.setId("toolbar-theme");
        dark.selectedProperty().bindBidirectional(theme.darkProperty());
        dark.setTooltip(new Tooltip("Switch between light and dark"));
        dark.setAccessibleText("Dark theme");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        // the menus share the toolbar's row: a row less above the cards (DashboardLayoutTest counts them)
        HBox bar = new HBox(10, title, menus.bar(), spacer, connect, disconnect, dark);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 12, 6, 12));
        bar.getStyleClass().add("app-toolbar");
        sceneProperty().addListener((obs, old, scene) -> {
            if (scene != null) {
                // keyboard: every action reachable; none of these starts a failover
                scene.getAccelerators().put(ConsoleMenus.CONNECT, this::connectDialog);
                scene.getAccelerators().put(ConsoleMenus.QUIT, this::quit);
                scene.getAccelerators().put(ConsoleMenus.FIND, this::findInLog);
            }
        });
        return bar;
    }

    private void showStart() {
        StartView start = new StartView(List.of(), this::open, this::connectDialog, this::startLab, this::editProfile,
                this::deleteProfile);
        StackPane.setAlignment(start, Pos.TOP_CENTER);
        center.getChildren().setAll(start);
        pairBanner = null;
        layoutTop();
        disconnect.setDisable(true);
        title.set(APP_NAME);
        menus.showPair(null, null, null);
        dashboardModel = null;
        dashboardView = null;
        split = null;
        logView = null;
        status.message("Not watching a pair.");
        reloadRecent();
    }

    /** Reads the recent profiles off the FX thread, then shows them on the start screen and in File ▸ Recent. */
    private void reloadRecent() {
        io.execute(() -> {
            List<ConnectionProfile> recent;
            String problem = null;
            try {
                recent = context.profiles().recent(8);
            } catch (IOException e) {
                recent = List.of();
                problem = e.getMessage();
            }
            List<ConnectionProfile> found = recent;
            String said = problem;
            fx.execute(() -> {
                if (center.getChildren().get(0) instanceof StartView start) {
                    start.showRecent(found);
                }
                menus.showRecent(found, this::open);
                if (said != null) {
                    status.message(said);
                }
            });
        });
    }

    private void editProfile(ConnectionProfile profile) {
        ProfileFormViewModel form = new ProfileFormViewModel();
        form.load(profile);
        styled(new ProfileDialog(window(), form)).showAndWait().ifPresent(edited -> io.execute(() -> {
            try {
                context.profiles().save(edited);
                if (!edited.name().equals(profile.name())) {
                    context.profiles().delete(profile.name()); // a new name in the form renames the profile
                }
                // the form does not carry when it was last used: keep it, or the pair leaves the recent list
                if (profile.lastUsedAt().isPresent()) {
                    context.profiles().markUsed(edited.name(), profile.lastUsedAt().get());
                }
                fx.execute(() -> status.message("Saved the profile " + edited.name() + "."));
            } catch (IOException e) {
                fx.execute(() -> status.message("The profile was not saved: " + e.getMessage()));
            }
            fx.execute(this::reloadRecent);
        }));
    }

    private void deleteProfile(ConnectionProfile profile) {
        Alert ask = styled(new Alert(
                Alert.AlertType.CONFIRMATION, "Delete the profile " + profile.name()
                + "? The journal keeps what was done on the pair.", ButtonType.CANCEL,
                ButtonType.OK));
        ask.initOwner(window());
        ask.setHeaderText("Delete " + profile.name() + "?");
        ask.getDialogPane().setId("delete-profile-dialog");
        ask.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> deleteNow(profile));
    }

    /** Removes {@code profile} off the FX thread and refreshes the lists; tests call it without the question. */
    void deleteNow(ConnectionProfile profile) {
        io.execute(() -> {
            try {
                context.profiles().delete(profile.name());
                fx.execute(() -> status.message("Deleted the profile " + profile.name() + "."));
            } catch (IOException e) {
                fx.execute(() -> status.message("The profile was not deleted: " + e.getMessage()));
            }
            fx.execute(this::reloadRecent);
        });
    }

    private void connectDialog() {
        ProfileFormViewModel form = new ProfileFormViewModel();
        styled(new ProfileDialog(window(), form)).showAndWait().ifPresent(profile -> {
            io.execute(() -> {
                try {
                    context.profiles().save(profile);
                } catch (IOException e) {
                    fx.execute(() -> status.message("The profile was not saved: " + e.getMessage()));
                }
            });
            open(profile);
        });
    }

    /** Opens the saved profile {@code name} ({@code --profile}): read off the FX thread, then opened as from Recent. */
    public void openProfile(String name) {
        io.execute(() -> {
            Optional<ConnectionProfile> found;
            try {
                found = context.profiles().find(name);
            } catch (IOException e) {
                fx.execute(() -> status.message("The profile " + name + " cannot be read: " + e.getMessage()));
                return;
            }
            fx.execute(() -> found.ifPresentOrElse(this::open,
                    () -> status.message("There is no profile named " + name + ".")));
        });
    }

    private void open(ConnectionProfile profile) {
        try {
            PairEndpoints pair = profile.endpoints();
            HeartbeatSettings heartbeat = profile.heartbeat();
            TransportSecurity security = profile.security();
            Instant now = context.clock().instant();
            io.execute(() -> {
                try {
                    context.profiles().markUsed(profile.name(), now);
                } catch (IOException e) {
                    fx.execute(() -> status.message("The recent list was not updated: " + e.getMessage()));
                }
                fx.execute(this::reloadRecent);
            });
            openPair(profile.name(), pair, heartbeat, new SessionOptions(security, profile.serviceProbes(),
                    profile.autoFailoverSetup(), profile.alerting()));
        } catch (IllegalArgumentException e) {
            String reason = e.getMessage();
            status.message("The profile " + profile.name() + " cannot be opened: " + reason
                    + (reason != null && reason.endsWith(".") ? "" : "."));
        }
    }

    /** Watches a local pair (loopback or UNIX sockets, no TLS): replaces whatever was shown. */
    public void openPair(String name, PairEndpoints pair, HeartbeatSettings heartbeat) {
        openPair(name, pair, heartbeat, SessionOptions.of(TransportSecurity.none()));
    }

    /** Watches a pair without service probes: replaces whatever was shown. */
    public void openPair(String name, PairEndpoints pair, HeartbeatSettings heartbeat, TransportSecurity security) {
        openPair(name, pair, heartbeat, SessionOptions.of(security));
    }

    /**
     * Watches a pair: replaces whatever was shown. A failover running on the pair shown is never cut off: the
     * operator is asked first. The session opens off the FX thread; until it is open the start screen says so, and
     * if it cannot open (the journal cannot be created) the start screen says why.
     */
    public void openPair(String name, PairEndpoints pair, HeartbeatSettings heartbeat, SessionOptions options) {
        whenNoFailoverRuns("open " + name, () -> openNow(name, pair, heartbeat, options));
    }

    private void openNow(String name, PairEndpoints pair, HeartbeatSettings heartbeat, SessionOptions options) {
        openNow(name, pair, heartbeat, options, session -> { }, why -> { });
    }

    /** As {@link #openNow}, telling {@code opened} (on the FX thread) the session once shown, or {@code failed} why. */
    private void openNow(String name, PairEndpoints pair, HeartbeatSettings heartbeat, SessionOptions options,
                         Consumer<WindowSession> opened,
                         Consumer<String> failed) {
        shown = new OpenedWith(name, pair, heartbeat, options);
        closeSession();
        showStart();
        long open = ++opens;
        startView().ifPresent(start -> start.say("Opening " + name + "…", true));
        status.message("Opening " + name + ": " + pair.primary() + " ⇄ " + pair.secondary() + "…");
        sessions.execute(() -> {
            WindowSession session;
            try {
                session = context.connector().open(name, pair, heartbeat, options);
            } catch (RuntimeException e) {
                String why = Optional.ofNullable(e.getMessage()).orElse(e.getClass().getSimpleName());
                fx.execute(() -> {
                    if (open == opens) {
                        openFailed(name, why);
                    }
                    failed.accept(why);
                });
                return;
            }
            fx.execute(() -> {
                if (open == opens) {
                    show(name, pair, session);
                    opened.accept(session);
                } else {
                    closeLater(session); // the operator opened another pair meanwhile
                    failed.accept("another pair was opened meanwhile");
                }
            });
        });
    }

    private void openFailed(String name, String why) {
        String sentence = name + " was not opened: " + why + (why.endsWith(".") ? "" : ".");
        startView().ifPresent(start -> start.say(sentence, false));
        status.message(sentence);
    }

    private Optional<StartView> startView() {
        return center.getChildren().isEmpty() || !(center.getChildren().get(0) instanceof StartView start)
                ? Optional.empty() : Optional.of(start);
    }

    private void show(String name, PairEndpoints pair, WindowSession session) {
        FailoverPort port = session.failover();
        DashboardModel dashboard = new DashboardModel(port, fx, context.zone(), name);
        dashboardModel = dashboard;
        dashboard.onAlert(alert -> {
            context.alerts().accept(alert);
            session.alert(alert);
            // JavaFX 21 has no urgency hint (no Stage API sets _NET_WM_STATE_DEMANDS_ATTENTION); the notification's
            // critical urgency and the status bar stand in for it (docs/operator-guide.md, "The window")
            status.message(alert.title() + ": " + alert.body());
        });
        LogViewModel log = new LogViewModel();
        log.zoneProperty().bind(Bindings.createObjectBinding(
                () -> logTimes.get().zone(context.zone()), logTimes));
        dashboard.failover().onOutcome(outcome -> {
            status.message(outcome.sentence());
            // wrapped: ControlsFX sizes the pop-up to its longest line and anchors it bottom-right, so a
            // one-line outcome ran off the window's left edge (assets/screenshots/4-after-failover.png)
            Notifications note = Notifications.create().owner(window()).title("Failover")
                    .text(wrapped(outcome.sentence(), NOTE_COLUMNS)).hideAfter(Duration.seconds(15));
            if (outcome.verified()) {
                note.showInformation();
            } else {
                note.showError();
            }
        });
        binding = new SessionBinding(session, fx, dashboard, log, status);
        dashboard.banner().onRestore(this::restoreProtection);

        DashboardView view = new DashboardView(dashboard, c -> styled(new ConfirmFailoverDialog(window(), c)).showAndWait());
        LogView logView = new LogView(log, context.zone(), status::message);
        DashboardSplit split = new DashboardSplit(view, lowerTabs(session, logView));
        savedDivider.ifPresent(split::placeAt);
        center.getChildren().setAll(split);
        pairBanner = new Banner(dashboard.banner());
        layoutTop();
        fatal.ifPresent(dashboard.failover()::halt);
        this.dashboardView = view;
        this.split = split;
        this.logView = logView;
        menus.showPair(dashboard.failover().promoteSecondaryDisabledProperty(),
                dashboard.failover().continuePrimaryDisabledProperty(), log.followTailProperty());
        disconnect.setDisable(false);
        title.set(name + " — " + APP_NAME);
        status.message("Watching " + name + ": " + pair.primary() + " ⇄ " + pair.secondary() + ".");
    }

    /** The event log, and beside it the jobs pane when the session can act on jobs. */
    private Node lowerTabs(WindowSession session, LogView logView) {
        Tab logTab = new Tab("Event log", logView);
        logTab.setId("tab-log");
        TabPane tabs = new TabPane(logTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("lower-tabs");
        session.jobs().ifPresent(feed -> {
            JobsViewModel jobs = new JobsViewModel(feed.actions(), fx);
            jobsBinding = new JobsBinding(feed, fx, jobs);
            Tab jobsTab = new Tab("Jobs", new JobsView(jobs));
            jobsTab.setId("tab-jobs");
            jobsTab.textProperty().bind(jobs.tabTitleProperty());
            tabs.getTabs().add(jobsTab);
        });
        return tabs;
    }

    /**
     * "Restore protection…": the dialog with the command line the new secondary needs, from the survivor's topology.
     * Checking reopens the window's session on the new pair — the survivor as its primary, the new side as its
     * secondary, with the same name, heartbeat and options (probes and fences follow their hosts) — so that the check,
     * the flow and the resync job are watched on the pair that protection is restored to, and the window stays on it
     * afterwards.
     */
    void restoreProtection() {
        if (dashboardModel == null || dashboardModel.last() == null || shown == null) {
            return;
        }
        PairState state = dashboardModel.last().state();
        Optional<ProtectionRestore> restore = ProtectionRestore.of(state);
        if (restore.isEmpty()) {
            status.message("Protection cannot be restored now: no side runs the VM alone after a failover.");
            return;
        }
        Side survivor = restore.get().survivor();
        OpenedWith was = shown;
        Endpoint survivorEndpoint = survivor == Side.PRIMARY
                ? was.pair().primary() : was.pair().secondary();
        SessionOptions options = survivor == Side.PRIMARY ? was.options()
                : was.options().withSidesSwapped();
        List<String> commandLine = ReprotectPlan.expectedSecondary(state.side(survivor)
                .topology().orElse(Topology.empty()));
        RestoreViewModel model = new RestoreViewModel(
                survivorEndpoint, commandLine, fresh -> reopenForRestore(new OpenedWith(was.name(),
                new PairEndpoints(survivorEndpoint, fresh), was.heartbeat(), options)), fx, restoring);
        LabStarter.RunningLab running = lab;
        boolean labSide = running != null && running.startsNewSecondaries()
                && (running.endpoints().primary().equals(survivorEndpoint)
                || running.endpoints().secondary().equals(survivorEndpoint));
        Optional<Supplier<CompletableFuture<Endpoint>>>
                startInLab = labSide ? Optional.of(() -> CompletableFuture.supplyAsync(() ->
                running.startNewSecondary(running.endpoints().primary().equals(survivorEndpoint)
                        ? running.endpoints().secondary() : running.endpoints().primary()), restoring)
                .whenComplete((started, failure) -> fx.execute(() -> status.message(failure == null
                        ? "Lab: a new secondary waits with -incoming defer at " + started.text() + "."
                        : "Lab: the new secondary did not start: " + failure.getMessage()))))
                : Optional.empty();
        styled(new RestoreDialog(window(), model, startInLab)).show();
    }

    /** Opens the window on the new pair; completes once both sides answer and were read, with its restore port. */
    private CompletableFuture<RestorePort> reopenForRestore(
            OpenedWith pair) {
        CompletableFuture<RestorePort> ready = new CompletableFuture<>();
        WindowSession showing = binding == null ? null : binding.session();
        if (showing != null && showing.failoverRunning()) {
            // reopening closes the session shown, and with it its runner: never under a running failover or restore
            ready.completeExceptionally(new IllegalStateException("a failover or restore runs on the pair shown; "
                    + "check again once its outcome is in"));
            return ready;
        }
        openNow(pair.name(), pair.pair(), pair.heartbeat(), pair.options(), session -> {
            try {
                restoring.execute(() -> awaitBothRead(session, pair, ready));
            } catch (RejectedExecutionException closing) {
                ready.completeExceptionally(new IllegalStateException("the window is closing"));
            }
        }, why -> ready.completeExceptionally(new IllegalStateException(why)));
        return ready;
    }

    /** Completes {@code ready} once both sides of the reopened pair answer and were read, or with why not. */
    private static void awaitBothRead(WindowSession session, OpenedWith pair,
                                      CompletableFuture<RestorePort>
                                              ready) {
        long deadline = System.nanoTime() + RESTORE_CONNECT.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                PairState state = session.current().state();
                if (state.primary().answering() && state.primary().synced() && state.secondary().answering()
                        && state.secondary().synced()) {
                    ready.complete(session.restore().orElseThrow(() -> new IllegalStateException(
                            "this session cannot restore protection")));
                    return;
                }
                Thread.sleep(100);
            }
            SideState fresh = session.current().state().secondary();
            ready.completeExceptionally(new IllegalStateException("the new side " + pair.pair().secondary()
                    + " did not answer within " + RESTORE_CONNECT.toSeconds() + " s ("
                    + SideCardViewModel.statusLine(fresh) + ")"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ready.completeExceptionally(e);
        } catch (RuntimeException e) {
            // a session closed meanwhile, or one that cannot restore: the dialog must not stay in CHECKING
            ready.completeExceptionally(e);
        }
    }

    /** How long the survivor and the new side may take to answer after the window reopened on them. */
    private static final java.time.Duration RESTORE_CONNECT = java.time.Duration.ofSeconds(30);

    /** Starts the local lab pair in the background and opens it when it is up; the status bar follows it. */
    void startLab() {
        if (center.getChildren().get(0) instanceof StartView start) {
            start.say("Starting the local lab pair (two QEMUs on this machine)…", true);
        }
        status.lab().show("Lab: starting…", Tone.WARN);
        Thread starter = new Thread(() -> {
            try {
                LabStarter.RunningLab started = context.lab().start();
                fx.execute(() -> labStarted(started));
            } catch (RuntimeException e) {
                String sentence = Optional.ofNullable(e.getMessage()).orElse(e.getClass().getSimpleName());
                fx.execute(() -> labFailed(sentence));
            }
        }, "lab-start");
        starter.setDaemon(true);
        starter.start();
    }

    private void labStarted(LabStarter.RunningLab started) {
        stopLab();
        lab = started;
        status.lab().show("Lab: running (" + started.description() + ")", Tone.OK);
        openPair("local lab pair", started.endpoints(), HeartbeatSettings.defaults(),
                SessionOptions.of(TransportSecurity.none()).withProbes(started.probes()));
    }

    private void labFailed(String sentence) {
        status.lab().show("Lab: failed to start", Tone.FAIL);
        status.message(sentence);
        if (center.getChildren().get(0) instanceof StartView start) {
            start.say("The lab pair did not start: " + sentence, false);
        }
    }

    private void closeSession() {
        if (jobsBinding != null) {
            jobsBinding.close();
            jobsBinding = null;
        }
        if (binding != null) {
            binding.close();
            closeLater(binding.session());
            binding = null;
        }
    }

    /** Closes {@code session} on the session thread: it waits there for a running failover, never on this one. */
    private void closeLater(WindowSession session) {
        context.closes().track(sessions.isShutdown() ? CompletableFuture.runAsync(session::close)
                : CompletableFuture.runAsync(session::close, sessions));
    }

    private void disconnectPair() {
        whenNoFailoverRuns("disconnect", () -> {
            closeSession();
            showStart();
        });
    }

    /**
     * Runs {@code action} now when no failover runs on the pair shown; else asks the operator to wait for it, to stop
     * it where that is safe (before it promotes), or not to {@code what} at all. Waiting keeps the dashboard showing
     * the runbook; the action runs once its outcome is in.
     */
    private void whenNoFailoverRuns(String what, Runnable action) {
        WindowSession session = binding == null ? null : binding.session();
        if (session == null || !session.failoverRunning()) {
            action.run();
            return;
        }
        RunningFailoverDialog.Choice choice = styled(new RunningFailoverDialog(window(), what)).ask()
                .orElse(RunningFailoverDialog.Choice.CANCEL);
        if (choice == RunningFailoverDialog.Choice.CANCEL) {
            return;
        }
        if (choice == RunningFailoverDialog.Choice.STOP_SAFELY) {
            session.stopFailoverSafely();
        }
        status.message("Waiting for the failover's outcome, then the console will " + what + ".");
        session.failoverIdle().thenRun(() -> fx.execute(action));
    }

    /**
     * A close asked for by the desktop (the window's close button): consumed, and done after the failover's outcome,
     * when one runs.
     *
     * @return whether the close may go ahead now
     */
    boolean mayCloseNow() {
        WindowSession session = binding == null ? null : binding.session();
        if (session == null || !session.failoverRunning()) {
            return true;
        }
        quit();
        return false;
    }

    private void stopLab() {
        if (lab != null) {
            lab.close();
            lab = null;
            status.lab().show("Lab: not running", Tone.NEUTRAL);
        }
    }

    /** Ends the session and the lab this window started; called when the window closes. */
    public void shutdown() {
        opens++; // a session still opening is closed as it arrives, never shown
        closeSession();
        stopLab();
        io.shutdown();
        sessions.shutdown();
        // not shutdownNow: an interrupted restore undoes and resumes the guest, but only over links still open; the
        // window does not close while one runs (SupervisorSession counts it as a runbook)
        restoring.shutdown();
    }

    /** Where the divider stands, once the operator placed it (the window saves it). */
    OptionalDouble placedDivider() {
        return split != null && split.placedByOperator() ? OptionalDouble.of(split.getDividerPositions()[0])
                : savedDivider;
    }

    /** The divider of the last run: used for every pair this window opens. */
    void restoreDivider(OptionalDouble position) {
        savedDivider = position;
        if (split != null) {
            position.ifPresent(split::placeAt);
        }
    }

    private void quit() {
        whenNoFailoverRuns("quit", () -> {
            if (window() instanceof Stage stage) {
                stage.close(); // onHidden ends the session, stops the lab and saves the window's state
            }
        });
    }

    private void findInLog() {
        if (logView != null) {
            logView.focusSearch();
        }
    }

    /** Help ▸ Operator guide, from the menu or a test's own guide. */
    void showOperatorGuide(OperatorGuide guide) {
        help.showOperatorGuide(guide);
    }

    /** The menus' actions: forwarded to the window's own methods. */
    private final class MenuActions implements ConsoleMenus.Actions {
        @Override
        public void connect() {
            connectDialog();
        }

        @Override
        public void exportLog(LogExporter.Format format) {
            if (logView != null) {
                logView.exportDialog(format);
            }
        }

        @Override
        public void disconnect() {
            disconnectPair();
        }

        @Override
        public void quit() {
            ConsoleWindow.this.quit();
        }

        @Override
        public void findInLog() {
            ConsoleWindow.this.findInLog();
        }

        @Override
        public void failover(Side target) {
            if (dashboardView != null) {
                dashboardView.failoverPanel().ask(target);
            }
        }

        @Override
        public void showShortcuts() {
            help.showShortcuts();
        }

        @Override
        public void showAbout() {
            help.showAbout(Optional.ofNullable(dashboardModel).map(DashboardModel::last).map(PairSnapshot::state));
        }

        @Override
        public void showOperatorGuide() {
            help.showOperatorGuide(OperatorGuide.standard());
        }
    }

    /** The outcome pop-up's width in characters: a third of the smallest window (960 px) or so. */
    static final int NOTE_COLUMNS = 64;

    /** {@code text} broken at spaces into lines of at most {@code columns} characters (a longer word keeps its line). */
    static String wrapped(String text, int columns) {
        StringBuilder out = new StringBuilder();
        int lineLength = 0;
        for (String word : text.split(" ")) {
            if (lineLength > 0 && lineLength + 1 + word.length() > columns) {
                out.append('\n');
                lineLength = 0;
            } else if (lineLength > 0) {
                out.append(' ');
                lineLength++;
            }
            out.append(word);
            lineLength += word.length();
        }
        return out.toString();
    }

    /** Dialogs are scenes of their own: give them the console's sheet and the current light/dark choice. */
    <D extends Dialog<?>> D styled(D dialog) {
        if (getScene() != null) {
            dialog.getDialogPane().getStylesheets().addAll(getScene().getStylesheets());
        }
        dialog.getDialogPane().pseudoClassStateChanged(Theme.DARK, theme.darkProperty().get());
        return dialog;
    }

    private Window window() {
        return getScene() == null ? null : getScene().getWindow();
    }

    /** "pair name — COLO Console" while a pair is open: the window's title, so the task bar names the pair. */
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** Which clock the log's times are read on; the menu sets it, and the window's state remembers it. */
    public ObjectProperty<LogTimes> logTimes() {
        return logTimes;
    }

    public ConsoleStatusBar statusBar() {
        return status;
    }
}
