package org.coloconsole.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.coloconsole.colo.Alert;

/**
 * Desktop notifications through the freedesktop notification service, by running {@code notify-send} (Debian's
 * {@code libnotify-bin}): one short process per alert, and alerts are rare; no D-Bus library in the console (why:
 * README, "Dependencies and why each is there"). Critical urgency: notification daemons keep such a notification on
 * screen until it is dismissed.
 */
public final class DesktopNotifier {
    private final String program;
    private final Map<String, String> environment;
    private final Executor background;

    /**
     * @param environment added to the child's environment (a test's own {@code DBUS_SESSION_BUS_ADDRESS})
     */
    public DesktopNotifier(String program, Map<String, String> environment, Executor background) {
        this.program = program;
        this.environment = Map.copyOf(environment);
        this.background = background;
    }

    public static DesktopNotifier standard(Executor background) {
        return new DesktopNotifier("notify-send", Map.of(), background);
    }

    /** Sends {@code alert}; completes with a sentence when it could not be shown, never exceptionally. */
    public CompletableFuture<Optional<String>> notify(Alert alert) {
        return CompletableFuture.supplyAsync(() -> send(alert), background);
    }

    List<String> command(Alert alert) {
        List<String> command = new ArrayList<>(List.of(program, "--app-name=COLO Console", "--urgency="
                + (alert.kind() == Alert.Kind.SIDE_LOST ? "normal" : "critical"), "--icon=dialog-warning",
                "--category=device.error", alert.title(), alert.body()));
        if (alert.kind() == Alert.Kind.SIDE_LOST) {
            command.add(4, "--expire-time=30000");
        }
        return command;
    }

    private Optional<String> send(Alert alert) {
        ProcessBuilder pb = new ProcessBuilder(command(alert)).redirectErrorStream(true);
        pb.environment().putAll(environment);
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.of("notify-send did not return within 10 s: no notification service answers");
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.exitValue() == 0 ? Optional.empty()
                    : Optional.of("notify-send failed (exit " + p.exitValue() + "): " + out);
        } catch (IOException e) {
            return Optional.of("no desktop notification: " + program + " cannot run (install libnotify-bin): "
                    + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while notifying");
        }
    }
}
