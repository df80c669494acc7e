package org.coloconsole.ui.fx;

import java.util.concurrent.Executor;
import javafx.application.Platform;

/**
 * The one crossing into the JavaFX application thread. Everything that arrives from the engine's threads
 * (supervisor, QMP readers, failover runner) goes through an instance of this, so no other class calls
 * {@link Platform#runLater}.
 *
 * <p>It is an {@link Executor} so the coalescing and batching helpers can be tested with an inline executor.
 */
public final class FxThread implements Executor {

    /** Runs inline when already on the FX thread, else queues it for the next pulse. */
    @Override
    public void execute(Runnable action) {
        if (Platform.isFxApplicationThread()) {
            action.run();
        } else {
            Platform.runLater(action);
        }
    }

    /**
     * Runs {@code action} on the FX thread after the event now being handled, even when called on the FX thread: for a
     * view that must act once the other listeners of the same change have run (a table that has seen its new rows).
     */
    public static void afterCurrentEvent(Runnable action) {
        Platform.runLater(action);
    }

    /** Throws when the caller is not on the FX thread: view models call this where they touch bound properties. */
    public static void checkOnFxThread() {
        if (!Platform.isFxApplicationThread()) {
            throw new IllegalStateException("this must run on the JavaFX application thread, not on "
                    + Thread.currentThread().getName());
        }
    }
}
