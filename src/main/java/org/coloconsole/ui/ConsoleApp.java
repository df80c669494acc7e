package org.coloconsole.ui;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.coloconsole.ui.fx.FxThread;

/** The JavaFX application: takes the object graph the launcher left in {@link LaunchHandoff} and shows the window. */
public final class ConsoleApp extends Application {
    private ConsoleContext context;
    private ConsoleWindow window;

    @Override
    public void init() {
        context = LaunchHandoff.take();
    }

    @Override
    public void start(Stage stage) {
        window = show(stage, context);
    }

    /** Builds the window on {@code stage}; also used by tests, which bring their own stage. */
    public static ConsoleWindow show(Stage stage, ConsoleContext context) {
        FxThread fx = new FxThread();
        Theme theme = new Theme(context.dark());
        ConsoleWindow window = new ConsoleWindow(context, fx, theme);
        Scene scene = new Scene(window, 1280, 800);
        theme.install(scene);
        stage.titleProperty().bind(window.titleProperty());
        stage.setScene(scene);
        stage.setMinWidth(960);
        stage.setMinHeight(640);
        stage.setOnHidden(e -> window.shutdown());
        context.initialPair().ifPresent(pair -> window.openPair(
                org.coloconsole.ui.dashboard.PairNames.derived(pair), pair,
                org.coloconsole.engine.HeartbeatSettings.defaults(), context.initialSecurity()));
        if (context.startLab()) {
            window.startLab();
        }
        stage.show();
        return window;
    }

    @Override
    public void stop() {
        if (window != null) {
            window.shutdown();
        }
    }
}
