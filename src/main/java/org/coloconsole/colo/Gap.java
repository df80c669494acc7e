package org.coloconsole.colo;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The console was not connected to a side between {@code from} and {@code until}: QEMU does not replay events, so
 * whatever happened then is known only through the polls that followed ({@code resynced}).
 */
public record Gap(Instant from, Instant until, boolean resynced) {
    // UTC, like the journal: the domain reads no clock and no time zone of the machine it runs on
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    /** "Events between T1 and T2 were lost; …" for the operator. */
    public String sentence() {
        return "Events between " + TIME.format(from) + " and " + TIME.format(until) + " UTC were lost; the state "
                + (resynced ? "was re-read by polls." : "is being re-read.");
    }
}
