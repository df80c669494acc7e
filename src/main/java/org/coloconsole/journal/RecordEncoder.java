package org.coloconsole.journal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.coloconsole.qmp.QmpEvent;

/**
 * Serializes records as single JSON lines with Jackson's streaming generator: no tree, no intermediate String.
 * One generator is reused for every line; its target buffer is switched by the journal between batches.
 * Not thread-safe: the journal calls it under its lock.
 */
final class RecordEncoder {
    private static final int MAX_DEPTH = 32;

    private final JsonFactory factory;
    private final SwitchableOutput output = new SwitchableOutput();
    private final UtcMicros times = new UtcMicros();
    private JsonGenerator json;

    RecordEncoder(JsonFactory factory) {
        this.factory = factory;
        this.json = newGenerator();
    }

    private JsonGenerator newGenerator() {
        try {
            JsonGenerator generator = factory.createGenerator(output);
            // lines are separated by the '\n' we write, not by the generator's default space
            generator.setRootValueSeparator(null);
            generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            generator.disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);
            return generator;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Appends one newline-terminated line to {@code target}; on failure the target is left as it was. */
    void encode(JournalRecord record, LineBuffer target) {
        line(target, record.at(), record.kind(), record.side(), () -> {
            for (Map.Entry<String, Object> field : record.fields().entrySet()) {
                json.writeFieldName(field.getKey());
                writeValue(field.getValue(), 0);
            }
            if (record.rawJson() != null) {
                json.writeFieldName("raw");
                writeRaw(record.rawJson());
            }
        });
    }

    /**
     * The line {@link #encode} writes for an event record ({@code event}, {@code qemu-time}, {@code raw}), written
     * straight from the event. {@link QmpEvent#raw()} is one JSON object on one line by the type's own invariant.
     */
    void encodeEvent(Instant receivedAt, String side, QmpEvent event, LineBuffer target) {
        line(target, receivedAt, JournalRecord.Kind.EVENT, side, () -> {
            json.writeStringField("event", event.name());
            Optional<Instant> qemuTime = event.timestamp().instant();
            if (qemuTime.isPresent()) {
                json.writeFieldName("qemu-time");
                writeInstant(qemuTime.get());
            }
            json.writeFieldName("raw");
            json.writeRawValue(event.raw());
        });
    }

    /** The members after {@code at}, {@code kind} and {@code side}. */
    @FunctionalInterface
    private interface Members {
        void write() throws IOException;
    }

    private void line(LineBuffer target, Instant at, JournalRecord.Kind kind, String side, Members members) {
        int mark = target.size();
        output.target = target;
        try {
            json.writeStartObject();
            json.writeFieldName("at");
            writeInstant(at);
            json.writeStringField("kind", kind.wireName());
            if (side != null) {
                json.writeStringField("side", side);
            }
            members.write();
            json.writeEndObject();
            json.writeRaw('\n');
            json.flush();
        } catch (IOException | RuntimeException e) {
            // the generator holds half a line and cannot be rewound: drop what reached the buffer, start afresh
            target.truncate(mark);
            json = newGenerator();
            if (e instanceof RuntimeException) {
                throw (RuntimeException) e;
            }
            throw new UncheckedIOException("could not serialize a journal line", (IOException) e);
        }
    }

    /**
     * QEMU's event text goes in as it came, so {@code jq .raw} shows exactly what QEMU said. It must be one valid JSON
     * value without line breaks, or it would tear the line: text that is not valid JSON is kept as a JSON string.
     */
    private void writeRaw(String raw) throws IOException {
        switch (RawJson.check(raw)) {
            case ONE_LINE:
                json.writeRawValue(hasOuterWhitespace(raw) ? raw.strip() : raw);
                break;
            case LINE_BREAKS:
                // valid JSON cannot hold a raw line break inside a string, so these are whitespace between tokens
                json.writeRawValue(raw.strip().replace('\n', ' ').replace('\r', ' '));
                break;
            default:
                json.writeString(raw);
        }
    }

    private static boolean hasOuterWhitespace(String raw) {
        return raw.charAt(0) <= ' ' || raw.charAt(raw.length() - 1) <= ' ';
    }

    private void writeInstant(Instant at) throws IOException {
        if (UtcMicros.fits(at)) {
            json.writeString(times.format(at), 0, UtcMicros.LENGTH);
        } else {
            json.writeString(UtcMicros.formatWide(at));
        }
    }

    private void writeValue(Object value, int depth) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof String) {
            json.writeString((String) value);
        } else if (value instanceof Boolean) {
            json.writeBoolean((Boolean) value);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte) {
            json.writeNumber(((Number) value).longValue());
        } else if (value instanceof Double || value instanceof Float) {
            json.writeNumber(((Number) value).doubleValue());
        } else if (value instanceof BigInteger) {
            json.writeNumber((BigInteger) value);
        } else if (value instanceof BigDecimal) {
            json.writeNumber((BigDecimal) value);
        } else if (value instanceof Instant) {
            writeInstant((Instant) value);
        } else if (value instanceof Enum<?>) {
            json.writeString(((Enum<?>) value).name());
        } else if (value instanceof Optional<?>) {
            writeValue(((Optional<?>) value).orElse(null), depth);
        } else if (depth >= MAX_DEPTH) {
            // a cycle or an absurdly deep value must not overflow the stack of a QMP reader
            json.writeString("(nested deeper than " + MAX_DEPTH + " levels)");
        } else if (value instanceof Map<?, ?>) {
            json.writeStartObject();
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                json.writeFieldName(String.valueOf(entry.getKey()));
                writeValue(entry.getValue(), depth + 1);
            }
            json.writeEndObject();
        } else if (value instanceof Iterable<?>) {
            json.writeStartArray();
            for (Object element : (Iterable<?>) value) {
                writeValue(element, depth + 1);
            }
            json.writeEndArray();
        } else if (value.getClass().isArray()) {
            json.writeStartArray();
            int length = Array.getLength(value);
            for (int i = 0; i < length; i++) {
                writeValue(Array.get(value, i), depth + 1);
            }
            json.writeEndArray();
        } else {
            json.writeString(String.valueOf(value));
        }
    }

    /** The generator's output target, switched to the buffer being filled. */
    private static final class SwitchableOutput extends OutputStream {
        LineBuffer target;

        @Override
        public void write(int b) {
            target.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            target.write(bytes, offset, length);
        }
    }
}
