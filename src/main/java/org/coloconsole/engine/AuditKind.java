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
    /** A runbook claimed a side (docs/colo-behaviour.md, "The claim"). */
    CLAIM(JournalRecord.Kind.ACTION_STEP),
    /** A runbook deleted a stale claim whose holder no longer runs on this host, to take it. */
    CLAIM_TAKEN_OVER(JournalRecord.Kind.ACTION_STEP),
    /** The re-read of both sides just before the lost-heartbeat, and what changed. */
    CLAIM_RECHECK(JournalRecord.Kind.ACTION_STEP),
    CLAIM_RELEASED(JournalRecord.Kind.ACTION_STEP),
    /** A fence action about to run: forced to disk before the agent starts. */
    FENCE_INTENT(JournalRecord.Kind.ACTION_INTENT),
    FENCE_OUTCOME(JournalRecord.Kind.ACTION_OUTCOME),
    /**
     * What the automatic-failover policy decided, with its reasons, each time its decision changes, and the operator's
     * cancel and re-arm: kept with the operator actions, which event floods cannot rotate away.
     */
    AUTO_FAILOVER(JournalRecord.Kind.ACTION_STEP),
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
