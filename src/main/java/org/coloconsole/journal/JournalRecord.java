package org.coloconsole.journal;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One line of the journal.
 *
 * <p>The journal writes only what is in a record: callers decide what goes in {@code fields} and {@code rawJson}, and
 * must not put key material, passwords or certificate contents there (the journal cannot tell a secret from a name).
 *
 * @param at      when it happened (written in UTC with microseconds)
 * @param kind    what sort of line it is
 * @param side    {@code "primary"}, {@code "secondary"} or null when the line is about the pair or the console
 * @param fields  plain Java values: String, Boolean, numbers, Instant, Enum, Map, Collection, arrays; anything else
 *                is written as its {@code toString()}. Kept in insertion order. May not use the keys at, kind, side, raw.
 * @param rawJson an event exactly as QEMU sent it, embedded as a JSON value (not as an escaped string); or null
 */
public record JournalRecord(Instant at, Kind kind, String side, Map<String, Object> fields, String rawJson) {
    /** Keys the journal writes itself, so fields may not use them. */
    public static final Set<String> RESERVED_KEYS = Set.of("at", "kind", "side", "raw");

    /** What a line is about. {@link #UNKNOWN} is only produced by the reader, for a kind this version does not know. */
    public enum Kind {
        EVENT, STATE_CHANGE, RECOMMENDATION, ACTION_INTENT, ACTION_STEP, ACTION_OUTCOME, GAP, NOTE, UNKNOWN;

        private final String wireName = name().toLowerCase(Locale.ROOT);

        /** The lower-case name written in the "kind" key. */
        public String wireName() {
            return wireName;
        }

        /** Actions are never dropped and always written durably by the runbook. */
        public boolean isAction() {
            return this == ACTION_INTENT || this == ACTION_STEP || this == ACTION_OUTCOME;
        }
    }

    public JournalRecord {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(kind, "kind");
        if (fields == null || fields.isEmpty()) {
            fields = Map.of();
        } else {
            for (String key : fields.keySet()) {
                if (key == null || RESERVED_KEYS.contains(key)) {
                    throw new IllegalArgumentException("a journal field may not be named " + key
                            + ": the journal writes at, kind, side and raw itself");
                }
            }
            // a defensive copy that keeps the caller's order; LinkedHashMap because plain values may be null
            fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }
    }

    /** A record without a raw event. */
    public static JournalRecord of(Instant at, Kind kind, String side, Map<String, Object> fields) {
        return new JournalRecord(at, kind, side, fields, null);
    }

    /** A console note (no side, no raw event). */
    public static JournalRecord note(Instant at, String text) {
        return new JournalRecord(at, Kind.NOTE, null, Map.of("text", text), null);
    }
}
