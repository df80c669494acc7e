package org.coloconsole.engine;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.coloconsole.colo.Alert;
import org.coloconsole.colo.AlertThrottle;

/**
 * Where one pair's alerts go beyond the window: the desktop notification and the profile's alert command, both behind
 * the one rate limit ({@link AlertThrottle}), and every alert journaled with what became of it (delivered or held back;
 * the notification's and the command's outcome, the command's exit code and the start of its output).
 * Commands run one at a time on {@code background}, so a flapping side never has more than one process running.
 */
public final class AlertOutlet {
    private final String pairName;
    private final AlertThrottle throttle;
    private final MonotonicClock clock;
    private final Optional<DesktopNotifier> desktop;
    private final Optional<AlertCommand> command;
    private final AuditTrail trail;
    private final Executor background;
    private final Consumer<String> problems;

    /**
     * @param problems told, in a sentence, when a notification or the command failed (the window's log and status)
     */
    public AlertOutlet(String pairName, AlertThrottle throttle, MonotonicClock clock, Optional<DesktopNotifier> desktop,
                       Optional<AlertCommand> command, AuditTrail trail, Executor background,
                       Consumer<String> problems) {
        this.pairName = Objects.requireNonNull(pairName, "pairName");
        this.throttle = Objects.requireNonNull(throttle, "throttle");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.desktop = Objects.requireNonNull(desktop, "desktop");
        this.command = Objects.requireNonNull(command, "command");
        this.trail = Objects.requireNonNull(trail, "trail");
        this.background = Objects.requireNonNull(background, "background");
        this.problems = Objects.requireNonNull(problems, "problems");
    }

    /** What became of one alert. */
    public record Delivery(AlertThrottle.Decision decision, Optional<String> desktopFailure,
                           Optional<AlertCommand.Result> command) {
        public boolean delivered() {
            return decision instanceof AlertThrottle.Decision.Deliver;
        }
    }

    /** Sends {@code alert} on, unless the rate limit holds it back; completes once every outlet is done. */
    public CompletableFuture<Delivery> raise(Alert alert) {
        AlertThrottle.Decision decision = throttle.admit(alert, clock.nanos());
        if (decision instanceof AlertThrottle.Decision.Hold hold) {
            Map<String, Object> fields = fields(alert);
            fields.put("delivered", false);
            fields.put("held-back", "one like it went out " + hold.sinceLastNanos() / 1_000_000 + " ms before");
            trail.record(AuditKind.ALERT, alert.side().orElse(null), alert.at(), fields);
            return CompletableFuture.completedFuture(new Delivery(decision, Optional.empty(), Optional.empty()));
        }
        Alert sent = ((AlertThrottle.Decision.Deliver) decision).alert();
        CompletableFuture<Optional<String>> shown = desktop.map(d -> d.notify(sent))
                .orElse(CompletableFuture.completedFuture(Optional.empty()));
        CompletableFuture<Optional<AlertCommand.Result>> ran = CompletableFuture.supplyAsync(
                () -> command.map(c -> c.run(sent, pairName)), background);
        return shown.thenCombine(ran, (failure, result) -> {
            Delivery delivery = new Delivery(decision, failure, result);
            journal(sent, delivery);
            failure.ifPresent(problems);
            result.filter(r -> r.outcome() != AlertCommand.Outcome.SUCCEEDED)
                    .ifPresent(r -> problems.accept(r.sentence()));
            return delivery;
        });
    }

    /**
     * Journals {@code alert} as not sent, and why (advice that changed before it settled): every alert raised is in
     * the journal with what became of it.
     */
    public void withheld(Alert alert, String why) {
        Map<String, Object> fields = fields(alert);
        fields.put("delivered", false);
        fields.put("withheld", why);
        trail.record(AuditKind.ALERT, alert.side().orElse(null), alert.at(), fields);
    }

    private void journal(Alert alert, Delivery delivery) {
        Map<String, Object> fields = fields(alert);
        fields.put("delivered", true);
        if (desktop.isPresent()) {
            fields.put("desktop", delivery.desktopFailure().orElse("shown"));
        }
        delivery.command().ifPresent(r -> {
            fields.put("command", command.get().program().toString());
            fields.put("command-outcome", r.outcome().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            r.exitCode().ifPresent(code -> fields.put("exit-code", code));
            if (!r.output().isEmpty()) {
                fields.put("command-output", r.output());
            }
        });
        trail.record(AuditKind.ALERT, alert.side().orElse(null), alert.at(), fields);
    }

    private static Map<String, Object> fields(Alert alert) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("alert", alert.kind().wireName());
        fields.put("title", alert.title());
        fields.put("body", alert.body());
        return fields;
    }
}
