package org.coloconsole.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.coloconsole.colo.Side;
import org.coloconsole.journal.Journal;
import org.coloconsole.journal.JournalBusyException;
import org.coloconsole.journal.JournalException;
import org.coloconsole.journal.JournalOptions;
import org.coloconsole.journal.JournalRecord;
import org.coloconsole.qmp.QmpEvent;

/** The audit trail on the journal: events with both times, state and advice changes, actions durable. */
public final class JournalAuditTrail implements AuditTrail {
    /** The subdirectory of a journal that holds operator actions only. */
    public static final String ACTIONS = "actions";

    private final Journal journal;
    /**
     * Operator actions (intents, steps, outcomes, refusals) in a journal of their own, {@code actions/} beside the
     * events: a flood of QEMU events rotates and prunes the events' files within a minute, and must never take the
     * audit trail of what the operator did with it. Each action is also copied beside the events, so that
     * {@code journal.jsonl} alone still tells the whole story while it lasts;
     * {@link org.coloconsole.journal.JournalReader#openDirectory} reads both, merged in time order, each line once.
     */
    private final Journal actions;

    /** One journal for everything (tests): actions and events share its files. */
    public JournalAuditTrail(Journal journal) {
        this(journal, journal);
    }

    public JournalAuditTrail(Journal events, Journal actions) {
        this.journal = events;
        this.actions = actions;
    }

    /** Opens the journal in {@code directory}; a torn last line from a crash is set aside and reported. */
    public static JournalAuditTrail open(Path directory) throws IOException {
        return open(directory, JournalOptions.defaults());
    }

    /** As {@link #open(Path)}, the events' files rotated by {@code events} (the actions' journal keeps the defaults). */
    public static JournalAuditTrail open(Path directory, JournalOptions events) throws IOException {
        try {
            return withActions(new Journal(directory, events));
        } catch (JournalException e) {
            throw new IOException("the journal in " + directory + " could not be opened: " + e.getMessage(), e);
        }
    }

    /** Opens the actions' journal beside an opened events' journal; closes that one again when it cannot. */
    private static JournalAuditTrail withActions(Journal events) throws JournalException {
        try {
            return new JournalAuditTrail(events, new Journal(events.directory().resolve(ACTIONS),
                    JournalOptions.defaults()));
        } catch (JournalException | RuntimeException e) {
            events.close();
            throw e;
        }
    }

    /**
     * Opens the journal in {@code directory}, or — when another console holds it (the window is open while a CLI
     * command runs) — a journal of this process's own in {@code directory/pid-PID}: an operator must never be kept
     * from acting because the window is open, and the action must still be journaled.
     */
    public static JournalAuditTrail openOrBeside(Path directory, long pid) throws IOException {
        try {
            return withActions(new Journal(directory, JournalOptions.defaults()));
        } catch (JournalBusyException busy) {
            return open(directory.resolve("pid-" + pid));
        } catch (JournalException e) {
            throw new IOException("the journal in " + directory + " could not be opened: " + e.getMessage(), e);
        }
    }

    @Override
    public JournalHealth health() {
        for (Journal j : new Journal[] {actions, journal}) {
            Optional<IOException> failure = j.failure();
            if (failure.isPresent()) {
                return JournalHealth.failing(j.directory().toString(), String.valueOf(failure.get().getMessage()));
            }
        }
        return JournalHealth.writing();
    }

    public Journal journal() {
        return journal;
    }

    @Override
    public void event(Side side, QmpEvent event) {
        journal.appendEvent(event.receivedAt(), side.label(), event);
    }

    @Override
    public void record(AuditKind kind, Side side, Instant at, Map<String, Object> fields) {
        JournalRecord record = JournalRecord.of(at, kind.journalKind(), side == null ? null : side.label(),
                withWhat(kind, fields));
        if (isAction(kind)) {
            actions.append(record);
        }
        if (!isAction(kind) || actions != journal) {
            journal.append(record);
        }
    }

    @Override
    public void durable(AuditKind kind, Side side, Instant at, Map<String, Object> fields) throws IOException {
        JournalRecord record = JournalRecord.of(at, kind.journalKind(), side == null ? null : side.label(),
                withWhat(kind, fields));
        try {
            // on disk in the file floods cannot rotate away before anything is sent; the copy beside the events keeps
            // journal.jsonl the whole story for an operator reading it alone with jq
            (isAction(kind) ? actions : journal).appendDurable(record);
        } catch (JournalException e) {
            throw new IOException(e.getMessage(), e);
        }
        if (isAction(kind) && actions != journal) {
            try {
                // durable as before the split, so that a reader of journal.jsonl sees the intent before any effect
                journal.appendDurable(record);
            } catch (JournalException copyFailed) {
                // the action is on disk in its own journal; the events' journal shows its trouble in health()
            }
        }
    }

    @Override
    public String location() {
        return journal.directory().resolve("journal.jsonl").toString();
    }

    @Override
    public void close() {
        try {
            actions.close();
        } finally {
            journal.close();
        }
    }

    private static boolean isAction(AuditKind kind) {
        return kind.journalKind().isAction();
    }


    /** Keeps the engine's finer name (e.g. "action-refused") where the journal's kind is broader. */
    private static Map<String, Object> withWhat(AuditKind kind, Map<String, Object> fields) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("what", kind.what());
        out.putAll(fields);
        return out;
    }
}
