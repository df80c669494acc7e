package org.coloconsole.ui;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.Duration;
import org.coloconsole.app.GuiLauncher.PairEndpoints;
import org.coloconsole.app.TransportSecurity;
import org.coloconsole.app.profile.ConnectionProfile;
import org.coloconsole.engine.HeartbeatSettings;
import org.coloconsole.ui.dashboard.Banner;
import org.coloconsole.ui.dashboard.ConfirmFailoverDialog;
import org.coloconsole.ui.dashboard.DashboardModel;
import org.coloconsole.ui.dashboard.DashboardSplit;
import org.coloconsole.ui.dashboard.DashboardView;
import org.coloconsole.ui.dashboard.FailoverPort;
import org.coloconsole.ui.fx.FxThread;
import org.coloconsole.ui.fx.Tone;
import org.coloconsole.ui.jobs.JobsBinding;
import org.coloconsole.ui.jobs.JobsView;
import org.coloconsole.ui.jobs.JobsViewModel;
import org.coloconsole.ui.log.LogView;
import org.coloconsole.ui.log.LogViewModel;
import org.coloconsole.ui.profile.ProfileDialog;
import org.coloconsole.ui.profile.ProfileFormViewModel;
import org.coloconsole.ui.profile.StartView;
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
    private final StackPane center = new StackPane();
    private final VBox top = new VBox();
    private final Button disconnect = new Button("Disconnect", new FontIcon(Material2AL.LINK_OFF));
    private final javafx.beans.property.ReadOnlyStringWrapper title =
            new javafx.beans.property.ReadOnlyStringWrapper(APP_NAME);
    private SessionBinding binding;
    private JobsBinding jobsBinding;
    private LabStarter.RunningLab lab;

    public ConsoleWindow(ConsoleContext context, FxThread fx, Theme theme) {
        this.context = context;
        this.fx = fx;
        this.theme = theme;
        setId("console-window");
        top.getChildren().add(toolbar());
        setTop(top);
        setCenter(center);
        setBottom(status);
        showStart();
    }

    private HBox toolbar() {
        Label title = new Label("COLO Console", new FontIcon(Material2MZ.SECURITY));
        title.getStyleClass().add("app-title");
        Button connect = new Button("Connect…", new FontIcon(Material2AL.LINK));
        connect.setId("toolbar-connect");
        connect.setTooltip(new Tooltip("Connect to a pair (Ctrl+O)"));
        connect.setOnAction(e -> connectDialog());
        disconnect.setId("toolbar-disconnect");
        disconnect.setDisable(true);
        disconnect.setOnAction(e -> {
            closeSession();
            showStart();
        });
        ToggleButton dark = new ToggleButton("Dark", new FontIcon(Material2MZ.NIGHTS_STAY));
        dark.setId("toolbar-theme");
        dark.selectedProperty().bindBidirectional(theme.darkProperty());
        dark.setTooltip(new Tooltip("Switch between light and dark"));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(10, title, spacer, connect, disconnect, dark);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 12, 6, 12));
        bar.getStyleClass().add("app-toolbar");
        sceneProperty().addListener((obs, old, scene) -> {
            if (scene != null) {
                // keyboard: every action reachable; none of these starts a failover
                scene.getAccelerators().put(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN),
                        this::connectDialog);
            }
        });
        return bar;
    }

    private void showStart() {
        List<ConnectionProfile> recent;
        try {
            recent = context.profiles().recent(8);
        } catch (IOException e) {
            recent = List.of();
            status.message(e.getMessage());
        }
        StartView start = new StartView(recent, this::open, this::connectDialog, this::startLab);
        StackPane.setAlignment(start, Pos.TOP_CENTER);
        center.getChildren().setAll(start);
        if (top.getChildren().size() > 1) {
            top.getChildren().remove(1, top.getChildren().size());
        }
        disconnect.setDisable(true);
        title.set(APP_NAME);
        status.message("Not watching a pair.");
    }

    private void connectDialog() {
        ProfileFormViewModel form = new ProfileFormViewModel();
        styled(new ProfileDialog(window(), form)).showAndWait().ifPresent(profile -> {
            try {
                context.profiles().save(profile);
            } catch (IOException e) {
                status.message("The profile was not saved: " + e.getMessage());
            }
            open(profile);
        });
    }

    private void open(ConnectionProfile profile) {
        try {
            PairEndpoints pair = profile.endpoints();
            HeartbeatSettings heartbeat = profile.heartbeat();
            TransportSecurity security = profile.security();
            try {
                context.profiles().markUsed(profile.name(), context.clock().instant());
            } catch (IOException e) {
                status.message("The recent list was not updated: " + e.getMessage());
            }
            openPair(profile.name(), pair, heartbeat, security);
        } catch (IllegalArgumentException e) {
            String reason = e.getMessage();
            status.message("The profile " + profile.name() + " cannot be opened: " + reason
                    + (reason != null && reason.endsWith(".") ? "" : "."));
        }
    }

    /** Watches a local pair (loopback or UNIX sockets, no TLS): replaces whatever was shown. */
    public void openPair(String name, PairEndpoints pair, HeartbeatSettings heartbeat) {
        openPair(name, pair, heartbeat, TransportSecurity.none());
    }

    /** Watches a pair: replaces whatever was shown. */
    public void openPair(String name, PairEndpoints pair, HeartbeatSettings heartbeat, TransportSecurity security) {
        closeSession();
        WindowSession session = context.connector().open(name, pair, heartbeat, security);
        FailoverPort port = session.failover();
        DashboardModel dashboard = new DashboardModel(port, fx, context.zone(), name);
        LogViewModel log = new LogViewModel();
        dashboard.failover().onOutcome(outcome -> {
            status.message(outcome.sentence());
            Notifications note = Notifications.create().owner(window()).title("Failover")
                    .text(outcome.sentence()).hideAfter(Duration.seconds(15));
            if (outcome.verified()) {
                note.showInformation();
            } else {
                note.showError();
            }
        });
        binding = new SessionBinding(session, fx, dashboard, log, status);

        DashboardView view = new DashboardView(dashboard, c -> styled(new ConfirmFailoverDialog(window(), c)).showAndWait());
        LogView logView = new LogView(log, context.zone(), status::message);
        center.getChildren().setAll(new DashboardSplit(view, lowerTabs(session, logView)));
        Node banner = new Banner(dashboard.banner());
        top.getChildren().setAll(top.getChildren().get(0), banner);
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
        openPair("local lab pair", started.endpoints(), HeartbeatSettings.defaults());
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
            binding = null;
        }
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
        closeSession();
        stopLab();
    }

    /** Dialogs are scenes of their own: give them the console's sheet and the current light/dark choice. */
    private <D extends javafx.scene.control.Dialog<?>> D styled(D dialog) {
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
    public javafx.beans.property.ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ConsoleStatusBar statusBar() {
        return status;
    }
}
