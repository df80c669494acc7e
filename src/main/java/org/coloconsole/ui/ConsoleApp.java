package org.coloconsole.ui;

import java.util.Optional;
import java.util.OptionalDouble;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.coloconsole.engine.HeartbeatSettings;
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
        WindowMemory memory = context.window();
        WindowState last = memory.loaded();
        Theme theme = new Theme(memory.startDark(context.dark()));
        ConsoleWindow window = new ConsoleWindow(context, fx, theme);
        window.restoreDivider(last.divider());
        Scene scene = new Scene(window, last.width(), last.height());
        theme.install(scene);
        placeOnAScreen(stage, last);

        stage.titleProperty().bind(window.titleProperty());
        stage.setScene(scene);
        stage.setMinWidth(960);
        stage.setMinHeight(640);
        // the desktop's close button while a failover runs: asked, and closed after its outcome (never cut off)
        stage.setOnCloseRequest(e -> {
            if (!window.mayCloseNow()) {
                e.consume();
            }
        });
        stage.setOnHidden(e -> {
            WindowState now = stateOf(stage, window, theme);
            window.shutdown();
            // written off the FX thread; not a daemon, so the JVM waits for it after the last window
            Thread save = new Thread(() -> memory.save(now).ifPresent(System.err::println), "window-state-save");
            save.start();
        });
        context.initialPair().ifPresent(pair -> window.openPair(context.initialPairName(pair), pair,
                HeartbeatSettings.defaults(), context.initialSecurity()));
        context.initialProfile().ifPresent(window::openProfile);
        if (context.startLab()) {
            window.startLab();
        }
        stage.show();
        return window;
    }

    /** The saved bounds when they still meet a screen (a monitor may have gone since); else centred. */
    private static void placeOnAScreen(Stage stage, WindowState last) {
        if (last.x().isPresent() && last.y().isPresent() && !Screen.getScreensForRectangle(
                last.x().getAsDouble(), last.y().getAsDouble(), last.width(), last.height()).isEmpty()) {
            stage.setX(last.x().getAsDouble());
            stage.setY(last.y().getAsDouble());
        }
        stage.setMaximized(last.maximized());
    }

    /** What the window looks like now, to be restored at the next start. */
    static WindowState stateOf(Stage stage, ConsoleWindow window, Theme theme) {
        boolean max = stage.isMaximized();
        return new WindowState(OptionalDouble.of(stage.getX()), OptionalDouble.of(stage.getY()),
                stage.getScene() == null ? stage.getWidth() : stage.getScene().getWidth(),
                stage.getScene() == null ? stage.getHeight() : stage.getScene().getHeight(), max,
                window.placedDivider(), Optional.of(theme.darkProperty().get()), window.logTimes().get());
    }

    @Override
    public void stop() {
        if (window != null) {
            window.shutdown();
        }
    }
}
