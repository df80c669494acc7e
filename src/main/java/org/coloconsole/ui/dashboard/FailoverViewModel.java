package org.coloconsole.ui.dashboard;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
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
import org.coloconsole.colo.AbandonedFailover;
import org.coloconsole.colo.FailoverInterlock;
import org.coloconsole.colo.FailoverOption;
import org.coloconsole.colo.FailoverRequest;
import org.coloconsole.colo.FailoverStep;
import org.coloconsole.colo.InterlockDecision;
import org.coloconsole.colo.PairSnapshot;
import org.coloconsole.colo.Side;
import org.coloconsole.colo.SideState;
import org.coloconsole.ui.fx.Tone;

/**
 * The two failover actions: which is offered and which is recommended, what the confirmation says, and the runbook's
 * progress and outcome. Whether a button is offered is {@link FailoverOption}'s answer, the same rule the interlock
 * reads when the failover starts; this only refuses a second click while a failover it started still runs.
 */
public final class FailoverViewModel {
    private final FailoverPort port;
    private final String pairName;
    private final Executor fx;
    private final ReadOnlyBooleanWrapper promoteSecondaryDisabled = new ReadOnlyBooleanWrapper(true);
    private final ReadOnlyBooleanWrapper continuePrimaryDisabled = new ReadOnlyBooleanWrapper(true);
    private final ReadOnlyObjectWrapper<Optional<Side>> recommended = new ReadOnlyObjectWrapper<>(Optional.empty());
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Tone> messageTone = new ReadOnlyObjectWrapper<>(Tone.OK);
    private final ObservableList<RunbookStep> steps = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper runbookTitle = new ReadOnlyStringWrapper("No failover run yet.");
    private final ReadOnlyBooleanWrapper clearable = new ReadOnlyBooleanWrapper(false);
    private Consumer<FailoverPort.Outcome> outcomeListener = outcome -> { };
    private PairSnapshot snapshot;
    /** Set once the console hit a fatal error: what it shows can no longer be trusted, so it offers nothing. */
    private Optional<String> halted = Optional.empty();

    /**
     * @param fx where step reports and the outcome are applied (the FX thread; inline in tests)
     */
    public FailoverViewModel(FailoverPort port, Executor fx) {
        this(port, fx, "");
    }

    /** @param pairName said in the confirmation's title, so the operator sees which pair they fail over */
    public FailoverViewModel(FailoverPort port, Executor fx, String pairName) {
        this.pairName = Objects.requireNonNull(pairName, "pairName");
        this.port = Objects.requireNonNull(port, "port");
        this.fx = Objects.requireNonNull(fx, "fx");
    }

    public void update(PairSnapshot pair) {
        this.snapshot = pair;
        boolean idle = !running.get() && halted.isEmpty();
        promoteSecondaryDisabled.set(!idle || !option(Side.SECONDARY).offered());
        continuePrimaryDisabled.set(!idle || !option(Side.PRIMARY).offered());
        clearable.set(halted.isEmpty() && AbandonedFailover.clearable(pair.state()));
        recommended.set(pair.recommendation().target());
    }

    /** After a fatal error on one of the console's threads: no failover is offered or started any more. */
    public void halt(String sentence) {
        halted = Optional.of(sentence);
        promoteSecondaryDisabled.set(true);
        continuePrimaryDisabled.set(true);
        clearable.set(false);
        refuse(sentence);
    }

    /**
     * The operator's word, after a failover was abandoned, that they checked both sides: the interlock decides from
     * the sides alone again.
     */
    public void clearAbandoned() {
        requireSnapshot();
        if (halted.isEmpty() && AbandonedFailover.clearable(snapshot.state())) {
            snapshot.state().failover().target().ifPresent(port::clearAbandoned);
            message.set("Cleared the abandoned failover; the buttons follow the sides again.");
            messageTone.set(Tone.WARN);
        }
    }

    private FailoverOption option(Side target) {
        return FailoverOption.of(snapshot.state(), target, snapshot.at());
    }

    /**
     * What the dialog asks before a failover to {@code target}; empty (and the reason said in the message) when the
     * failover is not offered now.
     */
    public Optional<Confirmation> confirmation(Side target) {
        requireSnapshot();
        FailoverOption option = option(target);
        if (!option.offered()) {
            refuse(option.sentence());
            return Optional.empty();
        }
        SideState chosen = snapshot.state().side(target);
        SideState other = snapshot.state().side(target.other());
        String where = PairNames.vm(chosen).map(vm -> "VM " + vm + ", ").orElse("") + chosen.endpoint();
        String action = target == Side.PRIMARY ? "Continue on the primary (" + where + ")?"
                : "Promote the secondary (" + where + ")?";
        String title = pairName.isEmpty() ? action : "Pair " + pairName + ": " + Character.toLowerCase(action.charAt(0))
                + action.substring(1);
        String otherName = other.side().label();
        // the interlock's own preview, as the CLI prints it: the other side's fate in the domain's words. Offered but
        // refused without the operator's word means the fence must be acknowledged; where the other side's fence
        // action runs first (FenceRule), the preview allows it and says so.
        InterlockDecision preview = FailoverInterlock.preview(snapshot.state(), new FailoverRequest(target, false),
                snapshot.at(), port.fenceable());
        boolean ack = !preview.allowed();
        String otherSide = ack ? option.sentence() : preview.sentence();
        return Optional.of(new Confirmation(target, title, port.preview(target).steps(), otherSide, ack,
                "I have fenced the " + otherName + "'s host: its guest cannot run."));
    }

    /**
     * Starts a failover after the operator confirmed it.
     *
     * @return the refusal in a sentence, or empty when the runbook started
     */
    public Optional<String> start(Side target, boolean otherSideFencedAcknowledged) {
        if (halted.isPresent()) {
            return refuse(halted.get());
        }
        if (running.get()) {
            return refuse("A failover is already running; wait for its outcome before you start another.");
        }
        Optional<String> refusal = port.refusal(target, otherSideFencedAcknowledged);
        if (refusal.isPresent()) {
            return refuse(refusal.get());
        }
        List<FailoverStep> plan = port.preview(target).steps();
        steps.setAll(plan.stream().map(step -> new RunbookStep(step.sentence())).toList());
        runbookTitle.set(target == Side.PRIMARY ? "Continuing on the primary" : "Promoting the secondary");
        running.set(true);
        message.set("Failover to the " + target.label() + " is running…");
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

    private void applyStep(FailoverPort.StepUpdate report) {
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
    /** The side the engine would carry on with, or empty when it recommends no failover. */
    public ReadOnlyObjectProperty<Optional<Side>> recommendedProperty() { return recommended.getReadOnlyProperty(); }
    /** Whether an abandoned failover waits for the operator's word (the clear button shows). */
    public ReadOnlyBooleanProperty clearableProperty() { return clearable.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }
    /** The last refusal or outcome, in a sentence. */
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Tone> messageToneProperty() { return messageTone.getReadOnlyProperty(); }
    public ObservableList<RunbookStep> steps() { return FXCollections.unmodifiableObservableList(steps); }
    public ReadOnlyStringProperty runbookTitleProperty() { return runbookTitle.getReadOnlyProperty(); }
}
