package org.coloconsole.ui.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.coloconsole.colo.AutoFailoverDecision;
import org.coloconsole.colo.FailoverProgress;
import org.coloconsole.colo.PairSnapshot;
import org.coloconsole.colo.PairState;
import org.coloconsole.colo.ProtectionRestore;
import org.coloconsole.colo.Recommendation;
import org.coloconsole.colo.Replication;
import org.coloconsole.colo.Side;
import org.coloconsole.ui.fx.Tone;

/**
 * The recommendation across the top: one sentence big enough to read from across the room, and its colour; under it
 * the per-side reasons, one line each unless the operator asked for the details in full.
 */
public final class BannerViewModel {
    private final ReadOnlyStringWrapper headline = new ReadOnlyStringWrapper("Not connected to a pair.");
    private final ReadOnlyStringWrapper reasons = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper verdict = new ReadOnlyStringWrapper("NOT CONNECTED");
    private final ReadOnlyObjectWrapper<Tone> tone = new ReadOnlyObjectWrapper<>(Tone.WARN);
    private final ReadOnlyBooleanWrapper critical = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper pairName = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper replication = new ReadOnlyStringWrapper("");
    private final ObservableList<String> reasonLines = FXCollections.observableArrayList();
    private final ObservableList<String> reasonLinesView = FXCollections.unmodifiableObservableList(reasonLines);
    private final ReadOnlyBooleanWrapper hasReasons = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper countdown = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper cancellable = new ReadOnlyBooleanWrapper(false);
    private Runnable cancel = () -> { };
    private final ReadOnlyBooleanWrapper restorable = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper rearmable = new ReadOnlyBooleanWrapper(false);
    private Runnable restore = () -> { };
    private Runnable rearm = () -> { };
    // the operator's choice: it survives every new snapshot (the reasons' "lost 6.6 s ago" changes each second)
    private final BooleanProperty detailsShown = new SimpleBooleanProperty(false);

    public BannerViewModel() {
        this("");
    }

    public BannerViewModel(String pairName) {
        this.pairName.set(pairName);
    }

    /** The recommendation and the pair's replication figures of this snapshot. */
    public void update(PairSnapshot snapshot) {
        update(snapshot.recommendation(), snapshot.state().failover());
        // the domain's answer, not the banner's: the pair runs alone after a failover and the survivor serves
        restorable.set(ProtectionRestore.of(snapshot.state()).isPresent());
        replication.set(replicationText(Replication.of(snapshot.state(), snapshot.at()), snapshot.state(),
                snapshot.at()));
    }

    /**
     * "Replication: every 2 s · last 0.8 s ago · 30 in the last minute". The primary's count: it sees every
     * checkpoint the pair makes, as the secondary does, and its interval is the pair's.
     */
    static String replicationText(Replication r, PairState pair, Instant now) {
        String every = r.delay().map(d -> "every " + Texts.duration(d)).orElse("interval not read yet");
        String last = r.lastCheckpoint().map(t -> "last " + Texts.ago(Duration.between(t, now))).orElse("none seen yet");
        int perMinute = Math.max(pair.primary().checkpointsPerMinute(now), pair.secondary().checkpointsPerMinute(now));
        return switch (r.status()) {
            case FLOWING -> "Replication: checkpoint " + every + " · " + last + " · " + perMinute + " in the last minute";
            case AWAITING_CHECKPOINT -> "Replication: checkpoint " + every + " · waiting for the first checkpoint";
            case STALLED -> "Replication: stalled, no checkpoint for "
                    + r.quietFor().map(Texts::duration).orElse("a while") + " (" + every + " expected)";
            case UNKNOWN -> "Replication: not known while a side does not answer";
            case NOT_IN_COLO -> "Replication: none";
        };
    }

    public void update(Recommendation recommendation, FailoverProgress failover) {
        critical.set(recommendation.kind() == Recommendation.Kind.SPLIT_BRAIN);
        headline.set(recommendation.headline());
        reasons.set(String.join("\n", recommendation.reasons()));
        List<String> lines = recommendation.reasons();
        if (!reasonLines.equals(lines)) {
            reasonLines.setAll(lines);
        }
        hasReasons.set(!lines.isEmpty());
        if (failover.phase() == FailoverProgress.Phase.RUNNING) {
            verdict.set("FAILOVER RUNNING");
            tone.set(Tone.WARN);
        } else if (failover.phase() == FailoverProgress.Phase.ABANDONED) {
            verdict.set("FAILOVER ABANDONED");
            tone.set(Tone.FAIL);
        } else {
            verdict.set(verdictText(recommendation.kind()));
            tone.set(toneOf(recommendation.kind()));
        }
    }

    static String verdictText(Recommendation.Kind kind) {
        return switch (kind) {
            case PROTECTED -> "PROTECTED";
            case DEGRADED -> "DEGRADED";
            case PROMOTE_SECONDARY -> "ACT: PROMOTE SECONDARY";
            case CONTINUE_ON_PRIMARY -> "ACT: CONTINUE ON PRIMARY";
            case WAIT -> "WAIT";
            case CANNOT_TELL -> "CANNOT TELL";
            case SPLIT_BRAIN -> "SPLIT BRAIN";
        };
    }

    static Tone toneOf(Recommendation.Kind kind) {
        return switch (kind) {
            case PROTECTED -> Tone.OK;
            case PROMOTE_SECONDARY, CONTINUE_ON_PRIMARY, CANNOT_TELL, SPLIT_BRAIN -> Tone.FAIL;
            case DEGRADED, WAIT -> Tone.WARN;
        };
    }

    /**
     * What the automatic-failover policy is about to do, as the engine decided it: "Promoting the secondary in 2 s"
     * while it counts down (the banner adds the Cancel button), what it does while it fences or promotes, and nothing
     * otherwise.
     */
    public void showAutoFailover(AutoFailoverDecision decision) {
        String action = decision.target().map(side -> side == Side.SECONDARY ? "Promoting the secondary"
                : "Continuing on the primary").orElse("");
        switch (decision.kind()) {
            case COUNTDOWN -> countdown.set(action + " in " + seconds(decision.remaining()) + " s");
            case FENCE -> countdown.set("Fencing the " + decision.target().map(s -> s.other().label()).orElse("?")
                    + " before " + Character.toLowerCase(action.charAt(0)) + action.substring(1));
            case AWAIT_EXIT -> countdown.set("Fenced; " + Character.toLowerCase(action.charAt(0)) + action.substring(1)
                    + " once it reports COLO_EXIT");
            case PROMOTE -> countdown.set(action + " automatically");
            case OFF, DISARMED, HOLD -> countdown.set("");
        }
        cancellable.set(decision.kind() == AutoFailoverDecision.Kind.COUNTDOWN);
        // the policy says it waits to be re-armed (after it acted once, or a cancel)
        rearmable.set(decision.kind() == AutoFailoverDecision.Kind.DISARMED);
    }

    /** Whole seconds left, rounded up: "in 2 s" until the last second has begun. */
    private static long seconds(Duration remaining) {
        return (remaining.toMillis() + 999) / 1000;
    }

    /** What the banner's Cancel button calls. */
    public void onCancel(Runnable action) {
        cancel = action;
    }

    public void cancelAutoFailover() {
        cancel.run();
    }

    /** What the banner's "Restore protection…" button calls. */
    public void onRestore(Runnable action) {
        restore = action;
    }

    public void restoreProtection() {
        restore.run();
    }

    /** What the banner's "Re-arm automatic failover" button calls. */
    public void onRearm(Runnable action) {
        rearm = action;
    }

    public void rearmAutoFailover() {
        rearm.run();
    }

    /** Whether protection can be restored now ({@link ProtectionRestore}): the banner then offers it. */
    public ReadOnlyBooleanProperty restorableProperty() { return restorable.getReadOnlyProperty(); }
    /** Whether the automatic failover is disarmed and waits for the operator to re-arm it. */
    public ReadOnlyBooleanProperty rearmableProperty() { return rearmable.getReadOnlyProperty(); }

    /** Empty unless the automatic failover counts down or acts. */
    public ReadOnlyStringProperty countdownProperty() { return countdown.getReadOnlyProperty(); }
    /** Only while it counts down: once it fences or promotes, the runbook's own way applies. */
    public ReadOnlyBooleanProperty cancellableProperty() { return cancellable.getReadOnlyProperty(); }
    public ReadOnlyStringProperty headlineProperty() { return headline.getReadOnlyProperty(); }
    public ReadOnlyStringProperty reasonsProperty() { return reasons.getReadOnlyProperty(); }
    /** A word or two in capitals: PROTECTED, ACT: PROMOTE SECONDARY, … */
    public ReadOnlyStringProperty verdictProperty() { return verdict.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Tone> toneProperty() { return tone.getReadOnlyProperty(); }
    /** Split brain: louder than any other failure (the banner's {@code :critical}). */
    public ReadOnlyBooleanProperty criticalProperty() { return critical.getReadOnlyProperty(); }
    /** The pair's name: a profile's, or one made from the endpoints. */
    public ReadOnlyStringProperty pairNameProperty() { return pairName.getReadOnlyProperty(); }
    public ReadOnlyStringProperty replicationProperty() { return replication.getReadOnlyProperty(); }

    /** Verdict, sentence, figures and reasons, as an operator pastes them into a ticket. */
    public String asText() {
        StringBuilder text = new StringBuilder();
        if (!pairName.get().isEmpty()) {
            text.append(pairName.get()).append(": ");
        }
        text.append(verdict.get()).append('\n').append(headline.get());
        if (!replication.get().isEmpty()) {
            text.append('\n').append(replication.get());
        }
        for (String line : reasonLines) {
            text.append('\n').append(line);
        }
        return text.toString();
    }
    /** One entry per side, as the engine gave them. */
    public ObservableList<String> reasonLines() { return reasonLinesView; }
    public ReadOnlyBooleanProperty hasReasonsProperty() { return hasReasons.getReadOnlyProperty(); }
    /** False: each reason on one line (cut with an ellipsis when too long); true: each reason wrapped in full. */
    public BooleanProperty detailsShownProperty() { return detailsShown; }
}
