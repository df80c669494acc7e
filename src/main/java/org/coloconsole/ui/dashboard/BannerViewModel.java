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

/**
 * The recommendation across the top: one sentence big enough to read from across the room, and its colour; under it
 * the per-side reasons, one line each unless the operator asked for the details in full.
 */
public final class BannerViewModel {
    private final ReadOnlyStringWrapper headline = new ReadOnlyStringWrapper("Not connected to a pair.");
    private final ReadOnlyStringWrapper reasons = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper verdict = new ReadOnlyStringWrapper("UNKNOWN");
    private final ReadOnlyObjectWrapper<Tone> tone = new ReadOnlyObjectWrapper<>(Tone.WARN);
    private final ObservableList<String> reasonLines = FXCollections.observableArrayList();
    private final ObservableList<String> reasonLinesView = FXCollections.unmodifiableObservableList(reasonLines);
    private final ReadOnlyBooleanWrapper hasReasons = new ReadOnlyBooleanWrapper(false);
    // the operator's choice: it survives every new snapshot (the reasons' "lost 6.6 s ago" changes each second)
    private final BooleanProperty detailsShown = new SimpleBooleanProperty(false);

    public void update(RecommendationSnapshot recommendation, FailoverProgress failover) {
        headline.set(recommendation.headline());
        reasons.set(String.join("\n", recommendation.reasons()));
        List<String> lines = recommendation.reasons();
        if (!reasonLines.equals(lines)) {
            reasonLines.setAll(lines);
        }
        hasReasons.set(!lines.isEmpty());
        verdict.set(verdictText(recommendation));
        Tone t = toneOf(recommendation.kind());
        if (failover.phase() == FailoverProgress.Phase.RUNNING) {
            verdict.set("FAILOVER RUNNING");
            t = Tone.WARN;
        }
        tone.set(t);
    }

    static String verdictText(RecommendationSnapshot r) {
        switch (r.kind()) {
            case "PROTECTED":
                return "PROTECTED";
            case "DEGRADED":
                return "DEGRADED";
            case "PROMOTE_SECONDARY":
                return "ACT: PROMOTE SECONDARY";
            case "CONTINUE_ON_PRIMARY":
                return "ACT: CONTINUE ON PRIMARY";
            case "WAIT":
                return "WAIT";
            case "CANNOT_TELL":
                return "CANNOT TELL";
            default:
                return r.kind().replace('_', ' ');
        }
    }

    static Tone toneOf(String kind) {
        switch (kind) {
            case "PROTECTED":
                return Tone.OK;
            case "PROMOTE_SECONDARY":
            case "CONTINUE_ON_PRIMARY":
            case "CANNOT_TELL":
                return Tone.FAIL;
            default:
                return Tone.WARN;
        }
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
