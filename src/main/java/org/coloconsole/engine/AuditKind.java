package org.coloconsole.engine;

import java.util.Locale;
import org.coloconsole.journal.JournalRecord;

/**
 * What a line of the audit trail records. Each is written under the journal's broader kind, with this finer name as
 * its "what" (e.g. a refused action is an ACTION_OUTCOME whose what is "action-refused").
 */
public enum AuditKind {
    STATE(JournalRecord.Kind.STATE_CHANGE),
    FAILOVER(JournalRecord.Kind.STATE_CHANGE),
    RECOMMENDATION(JournalRecord.Kind.RECOMMENDATION),
    GAP(JournalRecord.Kind.GAP),
    ACTION_INTENT(JournalRecord.Kind.ACTION_INTENT),
    ACTION_STEP(JournalRecord.Kind.ACTION_STEP),
    ACTION_OUTCOME(JournalRecord.Kind.ACTION_OUTCOME),
    ACTION_REFUSED(JournalRecord.Kind.ACTION_OUTCOME),
    /** An alert beyond the window: delivered (with each outlet's outcome) or held back by the rate limit. */
    ALERT(JournalRecord.Kind.NOTE);

    private final JournalRecord.Kind journalKind;
    private final String what = name().toLowerCase(Locale.ROOT).replace('_', '-');

    AuditKind(JournalRecord.Kind journalKind) {
        this.journalKind = journalKind;
    }

    public JournalRecord.Kind journalKind() {
        return journalKind;
    }

    /** The finer name written in the journal's "what" field: "state", "action-refused"… */
    public String what() {
        return what;
    }
}
