package org.coloconsole.engine;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Where a fatal {@link Error} (an {@link OutOfMemoryError}, a {@link StackOverflowError}, a linkage error) on any of
 * the console's own threads goes, so that it is never silent: after one, the state thread, a reader or the journal
 * writer may be gone, and a console that goes on showing the last snapshot would half-work (every failover failing
 * "could not check the interlock"). The entry point installs it as the default uncaught-exception handler; the CLI
 * subscribes to say so and exit non-zero, the window to say so and stop acting.
 *
 * <p>Only the first fatal error is reported: after it, more usually follow from the same cause.
 */
public final class FatalErrors implements Thread.UncaughtExceptionHandler {
    /** What died, and of what. */
    public record Fatal(String thread, Throwable error, Instant at) {
        /** One sentence for the operator. */
        public String sentence() {
            return "The console hit a fatal error on its thread '" + thread + "' (" + error + "); what it shows can no "
                    + "longer be trusted and it acts no more. Restart it; the journal keeps what happened.";
        }
    }

    private final List<Consumer<Fatal>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean reported = new AtomicBoolean();

    /** Called once, on the dying thread, for the first fatal error; must not block long. */
    public AutoCloseable subscribe(Consumer<Fatal> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public void uncaughtException(Thread thread, Throwable error) {
        if (error instanceof Error && !(error instanceof AssertionError)) {
            report(thread.getName(), error);
        } else {
            // not fatal to the process: a bug of ours on a thread that handled nothing; still never silent
            System.getLogger(FatalErrors.class.getName()).log(System.Logger.Level.ERROR,
                    "thread " + thread.getName() + " ended with an uncaught exception", error);
        }
    }

    /** For a thread that catches an {@link Error} itself (to hand it on rather than die silently). */
    public void report(String thread, Throwable error) {
        if (!reported.compareAndSet(false, true)) {
            return;
        }
        Fatal fatal = new Fatal(thread, error, Instant.now());
        for (Consumer<Fatal> listener : listeners) {
            try {
                listener.accept(fatal);
            } catch (RuntimeException | Error e) {
                // the next listener (the CLI's exit) must still run
            }
        }
    }

    /** Whether a fatal error was reported: a caller about to act checks this first. */
    public boolean happened() {
        return reported.get();
    }
}
