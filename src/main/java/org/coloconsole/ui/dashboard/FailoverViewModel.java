package org.coloconsole.ui.dashboard;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The two failover actions: which is enabled and which is recommended, what the confirmation says, and the runbook's
 * progress and outcome. The interlock (in the engine) has the last word; this only refuses a second click while a
 * failover it started still runs.
 */
public final class FailoverViewModel {
    public static final String PRIMARY = "primary";
    public static final String SECONDARY = "secondary";
    private static final Set<String> CANNOT_FENCE = Set.of("UNREACHABLE", "UNRESPONSIVE");

    private final FailoverPort port;
    private final Executor fx;
    private final ReadOnlyBooleanWrapper promoteSecondaryDisabled = new ReadOnlyBooleanWrapper(true);
    private final ReadOnlyBooleanWrapper continuePrimaryDisabled = new ReadOnlyBooleanWrapper(true);
    private final ReadOnlyStringWrapper recommended = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Tone> messageTone = new ReadOnlyObjectWrapper<>(Tone.OK);
    private final ObservableList<RunbookStep> steps = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper runbookTitle = new ReadOnlyStringWrapper("No failover run yet.");
    private Consumer<FailoverPort.Outcome> outcomeListener = outcome -> { };
    private PairSnapshot snapshot;

    /**
     * @param fx where step reports and the outcome are applied (the FX thread; inline in tests)
     */
    public FailoverViewModel(FailoverPort port, Executor fx) {
        this.port = Objects.requireNonNull(port, "port");
        this.fx = Objects.requireNonNull(fx, "fx");
    }

    public void update(PairSnapshot pair) {
        this.snapshot = pair;
        boolean blocked = running.get() || pair.failover().phase() == FailoverProgress.Phase.RUNNING
                || pair.failover().phase() == FailoverProgress.Phase.SUCCEEDED;
        promoteSecondaryDisabled.set(blocked || !canCarryOn(pair.secondary()));
        continuePrimaryDisabled.set(blocked || !canCarryOn(pair.primary()));
        recommended.set(pair.recommendation().target().orElse(""));
    }

    /** A side can take over only while the console talks to it. */
    static boolean canCarryOn(SideSnapshot side) {
        return "CONNECTED".equals(side.connection()) && !"LOST".equals(side.heartbeat())
                && !"UNREACHABLE".equals(side.heartbeat());
    }

    /** The console cannot stop the other side itself: the operator must have fenced its host. */
    static boolean needsFenceAcknowledgement(SideSnapshot other) {
        return CANNOT_FENCE.contains(other.heartbeat())
                || (!"CONNECTED".equals(other.connection()) && !"LOST".equals(other.heartbeat()));
    }

    public Confirmation confirmation(String target) {
        requireSnapshot();
        SideSnapshot chosen = snapshot.side(target);
        SideSnapshot other = snapshot.other(target);
        boolean ack = needsFenceAcknowledgement(other);
        String title = PRIMARY.equals(target) ? "Continue on the primary (" + chosen.endpoint() + ")?"
                : "Promote the secondary (" + chosen.endpoint() + ")?";
        String otherName = Texts.capitalised(other.side());
        String otherSide;
        if ("LOST".equals(other.heartbeat())) {
            otherSide = "The " + other.side() + " is gone (its monitor closed); nothing is sent to it. Make sure it "
                    + "does not start again on its own.";
        } else if (ack) {
            otherSide = "The console cannot reach the " + other.side() + " (" + Texts.capitalised(other.heartbeat())
                    + "), so it cannot stop it. Fence its host yourself (power it off or cut its storage and network) "
                    + "before you confirm: if its guest still runs, two guests will run.";
        } else {
            otherSide = otherName + " (" + other.endpoint() + ") is stopped first, so only one guest runs.";
        }
        return new Confirmation(target, title, port.plan(target, ack), otherSide, ack,
                "I have fenced the " + other.side() + "'s host: its guest cannot run.");
    }

    /**
     * Starts a failover after the operator confirmed it.
     *
     * @return the refusal in a sentence, or empty when the runbook started
     */
    public Optional<String> start(String target, boolean otherSideFencedAcknowledged) {
        if (running.get()) {
            return refuse("A failover is already running; wait for its outcome before you start another.");
        }
        Optional<String> refusal = port.refusal(target, otherSideFencedAcknowledged);
        if (refusal.isPresent()) {
            return refuse(refusal.get());
        }
        List<FailoverPort.PlannedStep> plan = port.plan(target, otherSideFencedAcknowledged);
        steps.setAll(plan.stream().map(step -> new RunbookStep(step.sentence())).toList());
        runbookTitle.set(PRIMARY.equals(target) ? "Continuing on the primary" : "Promoting the secondary");
        running.set(true);
        message.set("Failover to the " + target + " is running…");
        messageTone.set(Tone.WARN);
        if (snapshot != null) {
            update(snapshot);
        }
        port.run(target, otherSideFencedAcknowledged, report -> fx.execute(() -> applyStep(report)))
                .whenComplete((outcome, failure) -> fx.execute(() -> finish(outcome, failure)));
        return Optional.empty();
    }

    private Optional<String> refuse(String sentence) {
        message.set(sentence);
        messageTone.set(Tone.FAIL);
        return Optional.of(sentence);
    }

    private void applyStep(FailoverPort.StepReport report) {
        while (steps.size() <= report.index()) {
            steps.add(new RunbookStep(report.sentence()));
        }
        steps.get(report.index()).apply(report);
    }

    private void finish(FailoverPort.Outcome outcome, Throwable failure) {
        running.set(false);
        FailoverPort.Outcome result = outcome;
        if (failure != null) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            result = new FailoverPort.Outcome(false, "The failover stopped: " + Objects.requireNonNullElse(
                    cause.getMessage(), cause.getClass().getSimpleName()) + ". Check the event log and both sides.");
        }
        message.set(result.sentence());
        messageTone.set(result.verified() ? Tone.OK : Tone.FAIL);
        if (snapshot != null) {
            update(snapshot);
        }
        outcomeListener.accept(result);
    }

    private void requireSnapshot() {
        if (snapshot == null) {
            throw new IllegalStateException("no pair state yet");
        }
    }

    /** Called on the FX thread with each outcome, e.g. to show a notification. */
    public void onOutcome(Consumer<FailoverPort.Outcome> listener) {
        this.outcomeListener = Objects.requireNonNull(listener, "listener");
    }

    public ReadOnlyBooleanProperty promoteSecondaryDisabledProperty() { return promoteSecondaryDisabled.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty continuePrimaryDisabledProperty() { return continuePrimaryDisabled.getReadOnlyProperty(); }
    /** {@code primary}, {@code secondary}, or empty when the engine recommends no failover. */
    public ReadOnlyStringProperty recommendedProperty() { return recommended.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }
    /** The last refusal or outcome, in a sentence. */
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Tone> messageToneProperty() { return messageTone.getReadOnlyProperty(); }
    public ObservableList<RunbookStep> steps() { return FXCollections.unmodifiableObservableList(steps); }
    public ReadOnlyStringProperty runbookTitleProperty() { return runbookTitle.getReadOnlyProperty(); }
}
