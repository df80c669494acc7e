package org.coloconsole.ui.log;

import java.util.Optional;

/** Which rows the side filter lets through. */
public enum SideFilter {
    ALL("All sides"),
    PRIMARY("Primary"),
    SECONDARY("Secondary"),
    CONSOLE("Console");

    private final String label;

    SideFilter(String label) {
        this.label = label;
    }

    boolean accepts(Optional<String> side) {
        return switch (this) {
            case PRIMARY -> side.filter("primary"::equalsIgnoreCase).isPresent();
            case SECONDARY -> side.filter("secondary"::equalsIgnoreCase).isPresent();
            case CONSOLE -> side.isEmpty();
            case ALL -> true;
        };
    }

    @Override
    public String toString() {
        return label;
    }
}
