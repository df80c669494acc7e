package org.coloconsole.journal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;

/**
 * Formats instants as {@code 2024-05-01T12:34:56.123456Z} without {@code DateTimeFormatter}: the journal writes one
 * per line, and the formatter costs more than the rest of a small line. Not thread-safe (it caches the last second);
 * the journal calls it under its lock.
 */
final class UtcMicros {
    static final int LENGTH = 27;
    private static final long FIRST_SECOND = -62_167_219_200L; // 0000-01-01T00:00:00Z
    private static final long LAST_SECOND = 253_402_300_799L;  // 9999-12-31T23:59:59Z
    /** Years outside 0000-9999 (a bogus QEMU timestamp, say): ISO-8601 with a sign, still six fraction digits. */
    private static final DateTimeFormatter WIDE = new DateTimeFormatterBuilder().appendInstant(6).toFormatter();
    private final char[] text = new char[LENGTH];
    private long cachedSecond = Long.MIN_VALUE;

    /** Whether {@link #format} can write it in {@link #LENGTH} characters; else use {@link #formatWide}. */
    static boolean fits(Instant at) {
        long second = at.getEpochSecond();
        return second >= FIRST_SECOND && second <= LAST_SECOND;
    }

    /** Any instant, slowly: for the rare one outside the years 0000-9999 (Instant.parse reads it back). */
    static String formatWide(Instant at) {
        return WIDE.format(at);
    }

    /**
     * Reads a journal time back; the journal's own 27-character form without {@code DateTimeFormatter}, which costs
     * more than the rest of a line when reading history; anything else through {@link Instant#parse}.
     */
    static Instant parse(String text) {
        if (text.length() != LENGTH || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(19) != '.'
                || text.charAt(26) != 'Z') {
            return Instant.parse(text);
        }
        int year = number(text, 0, 4);
        int month = number(text, 5, 2);
        int day = number(text, 8, 2);
        int hour = number(text, 11, 2);
        int minute = number(text, 14, 2);
        int second = number(text, 17, 2);
        int micros = number(text, 20, 6);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59
                || micros < 0) {
            return Instant.parse(text); // throws with the JDK's own explanation, or reads what we did not expect
        }
        // LocalDate checks the day against the month (and leap years)
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3600L + minute * 60L + second, micros * 1000L);
    }

    /** The decimal number in {@code count} characters at {@code offset}, or -1 if one is not a digit. */
    private static int number(String text, int offset, int count) {
        int value = 0;
        for (int i = offset; i < offset + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** The formatted instant, valid until the next call; only for instants that {@link #fits}. */
    char[] format(Instant at) {
        long second = at.getEpochSecond();
        if (second != cachedSecond) {
            if (!fits(at)) {
                throw new IllegalArgumentException("a journal time outside the years 0000-9999 needs formatWide: "
                        + at);
            }
            LocalDateTime t = LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC);
            int year = t.getYear();
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
        return fits(at) ? new String(format(at)) : formatWide(at);
    }

    private void digits(int value, int offset, int count) {
        for (int i = offset + count - 1; i >= offset; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
