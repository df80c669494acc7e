package org.coloconsole.colo;

import java.time.Instant;

/**
 * The console was not connected to a side between {@code from} and {@code until}: QEMU does not replay events, so
 * whatever happened then is known only through the polls that followed ({@code resynced}).
 */
public record Gap(Instant from, Instant until, boolean resynced) {
}
