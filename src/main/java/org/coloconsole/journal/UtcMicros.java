package org.coloconsole.journal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Formats instants as {@code 2024-05-01T12:34:56.123456Z} without {@code DateTimeFormatter}: the journal writes one
 * per line, and the formatter costs more than the rest of a small line. Not thread-safe (it caches the last second);
 * the journal calls it under its lock.
 */
final class UtcMicros {
    static final int LENGTH = 27;
    private final char[] text = new char[LENGTH];
    private long cachedSecond = Long.MIN_VALUE;

    /** The formatted instant, valid until the next call. */
    char[] format(Instant at) {
        long second = at.getEpochSecond();
        if (second != cachedSecond) {
            LocalDateTime t = LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC);
            int year = t.getYear();
            if (year < 0 || year > 9999) {
                throw new IllegalArgumentException("a journal time must be within the years 0000-9999: " + at);
            }
            digits(year, 0, 4);
            text[4] = '-';
            digits(t.getMonthValue(), 5, 2);
            text[7] = '-';
            digits(t.getDayOfMonth(), 8, 2);
            text[10] = 'T';
            digits(t.getHour(), 11, 2);
            text[13] = ':';
            digits(t.getMinute(), 14, 2);
            text[16] = ':';
            digits(t.getSecond(), 17, 2);
            text[19] = '.';
            text[26] = 'Z';
            cachedSecond = second;
        }
        digits(at.getNano() / 1000, 20, 6);
        return text;
    }

    String formatToString(Instant at) {
        return new String(format(at));
    }

    private void digits(int value, int offset, int count) {
        for (int i = offset + count - 1; i >= offset; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
