package org.coloconsole.ui.jobs;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.coloconsole.colo.Job;
import org.coloconsole.colo.JobAction;
import org.coloconsole.colo.TransferRate;
import org.coloconsole.engine.MonotonicClock;
import org.coloconsole.colo.PairState;
import org.coloconsole.colo.Side;
import org.coloconsole.engine.JobActionOutcome;
import org.coloconsole.ui.fx.Tone;

/**
 * The jobs pane's state: one row per job of each side after the COLO protection row, the actions each row allows, and
 * the last action's outcome in a sentence. Actions go to a {@link JobActionPort} (the journaled runner) and never
 * block; their outcome comes back through {@code fx}. Everything else runs on the FX thread.
 */
public final class JobsViewModel {
    private final JobActionPort port;
    private final Executor fx;
    private final ObservableList<JobRow> rows = FXCollections.observableArrayList();
    private final ObservableList<JobRow> readOnlyRows = FXCollections.unmodifiableObservableList(rows);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper tabTitle = new ReadOnlyStringWrapper("Jobs");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Tone> messageTone = new ReadOnlyObjectWrapper<>(Tone.NEUTRAL);
    // rows with an action out: no second click until QEMU answered
    private final Set<String> busy = new HashSet<>();
    private PairState state;
    private final MonotonicClock clock;
    // each job's progress readings (by row key) with when they arrived: the domain's rate rule reads them
    private final Map<String, List<TransferRate.Sample>> samples = new HashMap<>();

    /**
     * @param fx where outcomes are applied: the FX thread (inline in tests)
     */
    public JobsViewModel(JobActionPort port, Executor fx) {
        this(port, fx, MonotonicClock.system());
    }

    /**
     * @param clock when each state's progress was seen, for the rate and time left
     */
    public JobsViewModel(JobActionPort port, Executor fx, MonotonicClock clock) {
        this.port = Objects.requireNonNull(port, "port");
        this.fx = Objects.requireNonNull(fx, "fx");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public void update(PairState pair) {
        this.state = Objects.requireNonNull(pair, "pair");
        long now = clock.nanos();
        Set<String> present = new HashSet<>();
        for (Side side : Side.values()) {
            for (Job job : pair.side(side).jobs().values()) {
                String key = side.label() + "/" + job.id();
                present.add(key);
                samples.put(key, TransferRate.add(samples.getOrDefault(key, List.of()),
                        new TransferRate.Sample(job.currentProgress(), job.totalProgress(), now)));
            }
        }
        samples.keySet().retainAll(present);
        refresh();
    }

    /** The rate and time left of that side's job now, by the domain's rule. */
    private TransferRate.Estimate estimate(Side side, Job job) {
        return TransferRate.of(samples.getOrDefault(side.label() + "/" + job.id(), List.of()), clock.nanos());
    }

    /**
     * Sends {@code action} for the job in {@code row}; the runner checks the status again and journals it.
     *
     * @return whether it was sent (not while another action on the same job waits for its answer)
     */
    public boolean act(JobRow row, JobAction action) {
        if (row.protection()) {
            say("COLO protection is not a QEMU job: use the failover buttons to act on it.", Tone.WARN);
            return false;
        }
        if (!busy.add(row.key())) {
            say("An action on job '" + row.id() + "' on the " + row.side() + " still waits for QEMU's answer.",
                    Tone.WARN);
            return false;
        }
        Side side = row.owner().get();
        say("Sending " + action.command() + " for job '" + row.id() + "' to the " + side.label() + "…",
                Tone.NEUTRAL);
        refresh();
        try {
            port.run(side, action, row.id()).whenComplete((outcome, failure) -> fx.execute(() ->
                    finish(row, action, outcome, failure)));
        } catch (RuntimeException closing) {
            // the session is closing under the click: say so instead of leaving the row busy
            finish(row, action, null, closing);
        }
        return true;
    }

    private void finish(JobRow row, JobAction action, JobActionOutcome outcome, Throwable failure) {
        busy.remove(row.key());
        if (failure != null || outcome == null) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            String why = cause == null ? "no outcome came back"
                    : Objects.requireNonNullElse(cause.getMessage(), cause.getClass().getSimpleName());
            say("The " + action.verb() + " of job '" + row.id() + "' on the " + row.side() + " did not finish ("
                    + why + "). Check the event log before you try again.", Tone.FAIL);
        } else {
            say(outcome.sentence(), tone(outcome.result()));
        }
        refresh();
    }

    private static Tone tone(JobActionOutcome.Result result) {
        return switch (result) {
            case DONE -> Tone.OK;
            case REFUSED -> Tone.WARN;
            case QEMU_REFUSED, FAILED -> Tone.FAIL;
        };
    }

    private void say(String sentence, Tone tone) {
        message.set(sentence);
        messageTone.set(tone);
    }

    private void refresh() {
        if (state == null) {
            return;
        }
        List<JobRow> next = JobRows.of(state, this::estimate).stream()
                .map(r -> busy.contains(r.key()) ? r.withEnabled(Set.of()) : r)
                .toList();
        merge(next);
        summary.set(JobRows.summary(state));
        int jobs = next.size() - 1;
        tabTitle.set(jobs == 0 ? "Jobs" : "Jobs (" + jobs + ")");
    }

    /** Replaces only the rows that changed, so a table keeps its scroll position and focus on every state. */
    private void merge(List<JobRow> next) {
        boolean sameKeys = next.size() == rows.size();
        for (int i = 0; sameKeys && i < next.size(); i++) {
            sameKeys = next.get(i).key().equals(rows.get(i).key());
        }
        if (!sameKeys) {
            rows.setAll(next);
            return;
        }
        for (int i = 0; i < next.size(); i++) {
            if (!next.get(i).equals(rows.get(i))) {
                rows.set(i, next.get(i));
            }
        }
    }

    public ObservableList<JobRow> rows() {
        return readOnlyRows;
    }

    /** How many jobs each side has, in a line. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** {@code Jobs}, or {@code Jobs (n)} while there are some. */
    public ReadOnlyStringProperty tabTitleProperty() {
        return tabTitle.getReadOnlyProperty();
    }

    /** The last action's outcome or refusal, in a sentence. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Tone> messageToneProperty() {
        return messageTone.getReadOnlyProperty();
    }
}
