package org.coloconsole.colo;

import java.util.Locale;

/** What a fence agent is asked to do, in the conventions of Linux HA fence agents ({@code action=off}). */
public enum FenceAction {
    /** Power the side off: the only action whose success proves that its guest cannot run. */
    OFF,
    ON,
    /** Report whether the side is on or off (exit 0: on, 2: off, anything else: unknown). */
    STATUS;

    /** As the agent reads it on its standard input: {@code off}, {@code on}, {@code status}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
