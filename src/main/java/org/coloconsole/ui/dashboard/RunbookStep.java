package org.coloconsole.ui.dashboard;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** One row of the runbook list: its sentence, its status and its result. */
public final class RunbookStep {
    private final ReadOnlyStringWrapper sentence;
    private final ReadOnlyObjectWrapper<FailoverPort.StepStatus> status;
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper("");

    RunbookStep(String sentence) {
        this.sentence = new ReadOnlyStringWrapper(sentence);
        this.status = new ReadOnlyObjectWrapper<>(FailoverPort.StepStatus.PENDING);
    }

    void apply(FailoverPort.StepUpdate report) {
        if (!report.sentence().isBlank()) {
            sentence.set(report.sentence());
        }
        status.set(report.status());
        detail.set(report.detail());
    }

    public ReadOnlyStringProperty sentenceProperty() { return sentence.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<FailoverPort.StepStatus> statusProperty() { return status.getReadOnlyProperty(); }
    public ReadOnlyStringProperty detailProperty() { return detail.getReadOnlyProperty(); }
}
