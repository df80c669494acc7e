package org.coloconsole.ui;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The one static in the console, and why: {@code Application.launch} constructs {@link ConsoleApp} by reflection with
 * no arguments, so the launcher cannot pass the object graph through a constructor. It leaves it here just before
 * launching and the application takes it (once) in {@code init()}. Nothing else reads or writes it.
 */
final class LaunchHandoff {
    private static final AtomicReference<ConsoleContext> PENDING = new AtomicReference<>();

    private LaunchHandoff() {
    }

    static void leave(ConsoleContext context) {
        if (!PENDING.compareAndSet(null, context)) {
            throw new IllegalStateException("a console window is already being launched in this process");
        }
    }

    static ConsoleContext take() {
        ConsoleContext context = PENDING.getAndSet(null);
        if (context == null) {
            throw new IllegalStateException("ConsoleApp must be started through ConsoleLauncher");
        }
        return context;
    }
}
