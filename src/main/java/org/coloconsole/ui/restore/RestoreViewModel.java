package org.coloconsole.ui.restore;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.coloconsole.engine.ReprotectOutcome;
import org.coloconsole.engine.ReprotectReport;
import org.coloconsole.engine.StepReport;
import org.coloconsole.qmp.Endpoint;
import org.coloconsole.qmp.EndpointFormatException;

/**
 * The restore dialog's state: the command line the new secondary needs, the new side's monitor as the operator types
 * it (refused with a sentence when it cannot be one), the check's problems, the flow's steps as they finish and its
 * outcome. Connecting (the window opens its session on survivor + new side) and the flow run elsewhere; their answers
 * come back through {@code fx}. Everything else runs on the FX thread.
 */
public final class RestoreViewModel {
    /** Where the dialog is. */
    public enum Phase {
        /** The operator types the new side's monitor. */
        EDITING,
        /** The window connects to the new pair and reads both sides. */
        CHECKING,
        /** The check found problems: fix them (or the endpoint) and check again. */
        REFUSED,
        /** The check passed: the flow may start. */
        READY,
        RUNNING,
        PROTECTED,
        /** The flow ended without protection; the sentence says what was taken back. */
        FAILED
    }

    private final Endpoint survivor;
    private final String commandLine;
    private final Function<Endpoint, CompletableFuture<RestorePort>> connect;
    private final Executor fx;
    private final Executor worker;
    private final StringProperty endpoint = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper endpointProblem = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Phase> phase = new ReadOnlyObjectWrapper<>(Phase.EDITING);
    private final ObservableList<String> problems = FXCollections.observableArrayList();
    private final ObservableList<String> steps = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper current = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper("");
    private RestorePort port;
    private final ReadOnlyBooleanWrapper labStarting = new ReadOnlyBooleanWrapper(false);

    /**
     * @param survivor    the survivor's monitor: the new side's must be another
     * @param commandLine what the new secondary needs, from the survivor's topology
     * @param connect     opens the window's session on survivor + new side; completes once both answer
     * @param fx          the FX thread (inline in tests)
     * @param worker      where the blocking check and flow run, never the FX thread
     */
    public RestoreViewModel(Endpoint survivor, List<String> commandLine,
                            Function<Endpoint, CompletableFuture<RestorePort>> connect, Executor fx,
                            Executor worker) {
        this.survivor = Objects.requireNonNull(survivor, "survivor");
        this.commandLine = String.join(" \\\n", commandLine);
        this.connect = connect;
        this.fx = fx;
        this.worker = worker;
        endpoint.addListener((obs, old, now) -> {
            endpointProblem.set("");
            if (phase.get() == Phase.REFUSED || phase.get() == Phase.READY) {
                phase.set(Phase.EDITING); // a checked answer is about the endpoint that was checked
            }
        });
    }

    /**
     * The new side's monitor as typed, or empty with {@link #endpointProblemProperty()} saying why it cannot be one.
     */
    public Optional<Endpoint> validEndpoint() {
        Endpoint parsed;
        try {
            parsed = Endpoint.parse(endpoint.get());
        } catch (EndpointFormatException e) {
            endpointProblem.set("The new secondary's monitor is not an endpoint: " + e.getMessage() + ".");
            return Optional.empty();
        }
        if (parsed.equals(survivor)) {
            endpointProblem.set("That is the survivor's own monitor (" + survivor.text() + "): give the new "
                    + "secondary's.");
            return Optional.empty();
        }
        endpointProblem.set("");
        return Optional.of(parsed);
    }

    /** Connects to the new pair and checks both sides; refused with a sentence when the endpoint is not one. */
    public boolean check() {
        if (!editable(phase.get())) {
            return false;
        }
        Optional<Endpoint> fresh = validEndpoint();
        if (fresh.isEmpty()) {
            return false;
        }
        phase.set(Phase.CHECKING);
        problems.clear();
        result.set("Connecting to the survivor and " + fresh.get().text() + ", then reading both sides…");
        connect.apply(fresh.get()).thenApplyAsync(opened -> {
            try {
                return new Checked(opened, opened.check());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CompletionException(e);
            }
        }, worker).whenComplete((checked, failure) -> fx.execute(() -> checked(checked, failure)));
        return true;
    }

    private record Checked(RestorePort port, List<String> problems) {
    }

    private void checked(Checked checked, Throwable failure) {
        if (failure != null) {
            phase.set(Phase.REFUSED);
            result.set("The check did not run: " + why(failure));
            return;
        }
        port = checked.port();
        problems.setAll(checked.problems());
        if (checked.problems().isEmpty()) {
            phase.set(Phase.READY);
            result.set("Both sides are ready: the survivor runs alone, the new side waits with -incoming defer.");
        } else {
            phase.set(Phase.REFUSED);
            result.set("Not ready: fix what is said above and check again. Nothing was sent.");
        }
    }

    /**
     * The lab's "Start the new secondary": {@code start} runs off the FX thread and completes with its monitor, which
     * is then filled in and checked.
     */
    public void startInLab(Supplier<CompletableFuture<Endpoint>> start) {
        if (labStarting.get() || !editable(phase.get())) {
            return;
        }
        labStarting.set(true);
        endpoint.set("");
        result.set("Starting a new secondary in the lab (empty disks, -incoming defer)…");
        start.get().whenComplete((started, failure) -> fx.execute(() -> {
            labStarting.set(false);
            if (failure != null) {
                result.set("The lab did not start the new secondary: " + why(failure));
                return;
            }
            endpoint.set(started.text());
            check();
        }));
    }

    /**
     * Whether the new side's monitor may be changed (typed, checked, or started in the lab): not while a check or the
     * flow runs, whose answer is about the endpoint they started with, and not once protected, when the lab's slot
     * holds the pair's secondary.
     */
    public BooleanBinding editableProperty() {
        return Bindings.createBooleanBinding(() -> editable(phase.get()) && !labStarting.get(),
                phase, labStarting);
    }

    private static boolean editable(Phase now) {
        return switch (now) {
            case EDITING, REFUSED, READY, FAILED -> true;
            case CHECKING, RUNNING, PROTECTED -> false;
        };
    }

    /** While the lab starts the new secondary. */
    public ReadOnlyBooleanProperty labStartingProperty() {
        return labStarting.getReadOnlyProperty();
    }

    /** Starts the flow once the check passed; its steps and outcome come back on the FX thread. */
    public boolean restore() {
        if (phase.get() != Phase.READY || port == null) {
            return false;
        }
        phase.set(Phase.RUNNING);
        steps.clear();
        result.set("Restoring protection: the guest keeps running until the short window at the end.");
        RestorePort running = port;
        CompletableFuture.supplyAsync(() -> {
            try {
                return running.run(report -> fx.execute(() -> progress(report)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CompletionException(e);
            }
        }, worker).whenComplete((outcome, failure) -> fx.execute(() -> finished(outcome, failure)));
        return true;
    }

    private void progress(ReprotectReport report) {
        String line = "[" + report.index() + "/" + report.total() + "] " + report.sentence();
        if (report.status() == StepReport.Status.RUNNING) {
            current.set(line);
            return;
        }
        steps.add(report.status() + "  " + line + " (" + millis(report.took()) + ")");
        current.set("");
    }

    private void finished(ReprotectOutcome outcome, Throwable failure) {
        current.set("");
        if (failure != null) {
            phase.set(Phase.FAILED);
            result.set("The flow did not finish: " + why(failure) + " Check the event log and the survivor now.");
            return;
        }
        phase.set(outcome.protectedAgain() ? Phase.PROTECTED : Phase.FAILED);
        problems.setAll(outcome.problems().stream().map(p -> p.sentence()).toList());
        result.set(outcome.sentence());
    }

    private static String millis(Duration took) {
        return took.toMillis() + " ms";
    }

    private static String why(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        String text = Objects.requireNonNullElse(cause.getMessage(), cause.getClass().getSimpleName());
        return text.endsWith(".") ? text : text + ".";
    }

    public String commandLine() {
        return commandLine;
    }

    public Endpoint survivor() {
        return survivor;
    }

    /** The new secondary's monitor as the operator types it. */
    public StringProperty endpointProperty() { return endpoint; }
    /** Why the typed monitor cannot be used; empty when it can (or was not checked yet). */
    public ReadOnlyStringProperty endpointProblemProperty() { return endpointProblem.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Phase> phaseProperty() { return phase.getReadOnlyProperty(); }
    /** The check's sentences, one per problem. */
    public ObservableList<String> problems() { return problems; }
    /** The flow's finished steps with QEMU's answers, in order. */
    public ObservableList<String> steps() { return steps; }
    /** The step that runs now (the copy's progress while it copies). */
    public ReadOnlyStringProperty currentProperty() { return current.getReadOnlyProperty(); }
    /** Where the dialog is, in a sentence: connecting, ready, or the flow's outcome. */
    public ReadOnlyStringProperty resultProperty() { return result.getReadOnlyProperty(); }
}
