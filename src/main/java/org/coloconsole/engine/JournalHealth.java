package org.coloconsole.engine;

import java.util.Objects;

/**
 * Whether the audit trail is writing. A failing journal refuses every operator action (nothing is sent that is not
 * journaled first) and retries until the disk takes its lines again, so the operator must see it before acting.
 *
 * @param sentence for the operator: where and why the journal cannot write, and what to do; empty when writing
 */
public record JournalHealth(Status status, String sentence) {

    public JournalHealth {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(sentence, "sentence");
    }

    public enum Status {
        WRITING,
        FAILING
    }

    public static JournalHealth writing() {
        return new JournalHealth(Status.WRITING, "");
    }

    public static JournalHealth failing(String where, String why) {
        return new JournalHealth(Status.FAILING, "The journal in " + where + " cannot be written (" + why
                + "): failovers and other actions are refused until it can; it tries again on its own once there is "
                + "space.");
    }

    public boolean failing() {
        return status == Status.FAILING;
    }
}
