package org.coloconsole.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.coloconsole.colo.Side;
import org.coloconsole.journal.Journal;
import org.coloconsole.journal.JournalBusyException;
import org.coloconsole.journal.JournalException;
import org.coloconsole.journal.JournalOptions;
import org.coloconsole.journal.JournalRecord;
import org.coloconsole.qmp.QmpEvent;

/** The audit trail on the journal: events with both times, state and advice changes, actions durable. */
public final class JournalAuditTrail implements AuditTrail {
    private final Journal journal;

    public JournalAuditTrail(Journal journal) {
        this.journal = journal;
    }

    /** Opens the journal in {@code directory}; a torn last line from a crash is set aside and reported. */
    public static JournalAuditTrail open(Path directory) throws IOException {
        try {
            return new JournalAuditTrail(new Journal(directory, JournalOptions.defaults()));
        } catch (JournalException e) {
            throw new IOException("the journal in " + directory + " could not be opened: " + e.getMessage(), e);
        }
    }

    /**
     * Opens the journal in {@code directory}, or — when another console holds it (the window is open while a CLI
     * command runs) — a journal of this process's own in {@code directory/pid-PID}: an operator must never be kept
     * from acting because the window is open, and the action must still be journaled.
     */
    public static JournalAuditTrail openOrBeside(Path directory, long pid) throws IOException {
        try {
            return new JournalAuditTrail(new Journal(directory, JournalOptions.defaults()));
        } catch (JournalBusyException busy) {
            return open(directory.resolve("pid-" + pid));
        } catch (JournalException e) {
            throw new IOException("the journal in " + directory + " could not be opened: " + e.getMessage(), e);
        }
    }

    @Override
    public JournalHealth health() {
        return journal.failure().map(e -> JournalHealth.failing(journal.directory().toString(),
                String.valueOf(e.getMessage()))).orElse(JournalHealth.writing());
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
        journal.append(JournalRecord.of(at, kind.journalKind(), side == null ? null : side.label(),
                withWhat(kind, fields)));
    }

    @Override
    public void durable(AuditKind kind, Side side, Instant at, Map<String, Object> fields) throws IOException {
        try {
            journal.appendDurable(JournalRecord.of(at, kind.journalKind(), side == null ? null : side.label(),
                    withWhat(kind, fields)));
        } catch (JournalException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public String location() {
        return journal.directory().resolve("journal.jsonl").toString();
    }

    @Override
    public void close() {
        journal.close();
    }


    /** Keeps the engine's finer name (e.g. "action-refused") where the journal's kind is broader. */
    private static Map<String, Object> withWhat(AuditKind kind, Map<String, Object> fields) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("what", kind.what());
        out.putAll(fields);
        return out;
    }
}
