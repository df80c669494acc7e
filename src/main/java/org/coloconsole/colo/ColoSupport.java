package org.coloconsole.colo;

import java.util.List;
import java.util.Set;

/**
 * Whether one QEMU offers what the console relies on for COLO, judged at connect by {@link ColoSupportCheck}.
 *
 * @param qemuVersion         from the greeting
 * @param missing             what is absent or refused, one phrase each ("command x-colo-lost-heartbeat (refused by
 *                            -compat unstable-input=reject)"); empty when all is there
 * @param unusableCommands    commands the console cannot send to this QEMU: absent, or refused by its policy
 * @param unstableInput       ACCEPTED, REJECTED ({@code -compat unstable-input=reject}) or UNKNOWN (not asked)
 */
public record ColoSupport(String qemuVersion, List<String> missing, Set<String> unusableCommands,
                          UnstableInput unstableInput) {

    public enum UnstableInput {
        ACCEPTED,
        REJECTED,
        UNKNOWN
    }

    public ColoSupport {
        missing = List.copyOf(missing);
        unusableCommands = Set.copyOf(unusableCommands);
    }

    public boolean ok() {
        return missing.isEmpty();
    }

    public boolean canSend(String command) {
        return !unusableCommands.contains(command);
    }

    /** "ok", or what is missing: what the side card shows after "COLO support:". */
    public String summary() {
        return ok() ? "ok" : "missing " + String.join("; ", missing);
    }
}
