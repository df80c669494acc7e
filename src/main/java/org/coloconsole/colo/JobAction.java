package org.coloconsole.colo;

import java.util.Locale;
import java.util.Optional;

/** What an operator can ask of a background job; each is QEMU's {@code job-<verb>} command taking {@code {id}}. */
public enum JobAction {
    PAUSE,
    RESUME,
    CANCEL,
    COMPLETE,
    DISMISS,
    FINALIZE;

    /** Lower-case, as QEMU's verbs and the CLI write it. */
    public String verb() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The QMP command, e.g. {@code job-pause}. */
    public String command() {
        return "job-" + verb();
    }

    public static Optional<JobAction> parse(String text) {
        String verb = text.strip().toLowerCase(Locale.ROOT);
        for (JobAction action : values()) {
            if (action.verb().equals(verb)) {
                return Optional.of(action);
            }
        }
        return Optional.empty();
    }
}
