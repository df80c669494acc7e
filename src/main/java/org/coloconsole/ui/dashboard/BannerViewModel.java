package org.coloconsole.ui.dashboard;

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
import org.coloconsole.colo.FailoverProgress;
import org.coloconsole.colo.Recommendation;
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
    private final ObservableList<String> reasonLines = FXCollections.observableArrayList();
    private final ObservableList<String> reasonLinesView = FXCollections.unmodifiableObservableList(reasonLines);
    private final ReadOnlyBooleanWrapper hasReasons = new ReadOnlyBooleanWrapper(false);
    // the operator's choice: it survives every new snapshot (the reasons' "lost 6.6 s ago" changes each second)
    private final BooleanProperty detailsShown = new SimpleBooleanProperty(false);

    public void update(Recommendation recommendation, FailoverProgress failover) {
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
        };
    }

    static Tone toneOf(Recommendation.Kind kind) {
        return switch (kind) {
            case PROTECTED -> Tone.OK;
            case PROMOTE_SECONDARY, CONTINUE_ON_PRIMARY, CANNOT_TELL -> Tone.FAIL;
            case DEGRADED, WAIT -> Tone.WARN;
        };
    }

    public ReadOnlyStringProperty headlineProperty() { return headline.getReadOnlyProperty(); }
    public ReadOnlyStringProperty reasonsProperty() { return reasons.getReadOnlyProperty(); }
    /** A word or two in capitals: PROTECTED, ACT: PROMOTE SECONDARY, … */
    public ReadOnlyStringProperty verdictProperty() { return verdict.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Tone> toneProperty() { return tone.getReadOnlyProperty(); }
    /** One entry per side, as the engine gave them. */
    public ObservableList<String> reasonLines() { return reasonLinesView; }
    public ReadOnlyBooleanProperty hasReasonsProperty() { return hasReasons.getReadOnlyProperty(); }
    /** False: each reason on one line (cut with an ellipsis when too long); true: each reason wrapped in full. */
    public BooleanProperty detailsShownProperty() { return detailsShown; }
}
