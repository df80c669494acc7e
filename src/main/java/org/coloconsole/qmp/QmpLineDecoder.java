package org.coloconsole.qmp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Decodes one connection's lines into {@link QmpMessage}s with Jackson's streaming parser.
 *
 * <p>Why not {@code ObjectMapper.readTree} per line: under an event storm the reader thread spent most of its time
 * building a parser for every line (encoding detection, symbol tables) and a tree for the whole message. Here one
 * non-blocking parser lives as long as the connection and is fed line by line; an event's name and timestamp are read
 * straight off the tokens, and a tree is built only for the {@code data} member (none at all for STOP and RESUME).
 *
 * <p>Not thread-safe: one per reader thread. After a protocol error the decoder starts afresh on the next line (the
 * client ends the session on one anyway).
 */
public final class QmpLineDecoder {
    /** Deeper than this is not a QMP message; the bound keeps a hostile line from exhausting the reader's stack. */
    private static final int MAX_DEPTH = 256;
    /** QEMU 7.2 defines about 80 events. */
    private static final int MAX_NAMES = 256;

    private final JsonFactory factory;
    private final JsonNodeFactory nodes = JsonNodeFactory.instance;
    /**
     * One String per event name, shared by every event of that name: the log keeps 100,000 rows, and a fresh "STOP"
     * in each was about 5 MB. Bounded, so a peer inventing names cannot grow it.
     */
    private final Map<String, String> names = new HashMap<>();
    private JsonParser parser;
    private ByteArrayFeeder feeder;
    /** Bytes fed to {@link #parser} before the current line: its locations count from its first byte. */
    private long fed;

    QmpLineDecoder(JsonFactory factory) {
        this.factory = factory;
        reset();
    }

    private void reset() {
        try {
            parser = factory.createNonBlockingByteArrayParser();
        } catch (IOException e) {
            throw new IllegalStateException("Jackson could not create a non-blocking parser", e);
        }
        feeder = (ByteArrayFeeder) parser.getNonBlockingInputFeeder();
        fed = 0;
    }

    /**
     * @param receivedNanos monotonic receive time, kept on events
     * @throws QmpProtocolException when the line is not UTF-8, not one JSON object, or not a QMP message
     */
    public QmpMessage decode(byte[] line, int offset, int length, Instant receivedAt, long receivedNanos)
            throws QmpProtocolException {
        requireUtf8(line, offset, length);
        try {
            return read(line, offset, length, receivedAt, receivedNanos);
        } catch (QmpProtocolException e) {
            reset();
            throw e;
        } catch (StreamConstraintsException e) {
            reset();
            throw new QmpProtocolException(QmpProtocolException.Kind.MALFORMED_JSON,
                    "the peer sent a line beyond the parser's limits: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            reset();
            throw new QmpProtocolException(QmpProtocolException.Kind.MALFORMED_JSON,
                    "the peer sent a line that is not JSON: " + originalMessage(e), e);
        }
    }

    private QmpMessage read(byte[] line, int offset, int length, Instant receivedAt, long receivedNanos)
            throws IOException, QmpProtocolException {
        long lineStart = fed;
        feeder.feedInput(line, offset, offset + length);
        fed += length;
        JsonToken first = next();
        if (first == null) {
            // a blank line, or a bare number (which only the next byte could end)
            throw new QmpProtocolException(QmpProtocolException.Kind.NOT_AN_OBJECT,
                    "the peer sent a line that holds no JSON object", null);
        }
        if (first != JsonToken.START_OBJECT) {
            skipValue(first, 0);
            requireEndOfLine();
            throw new QmpProtocolException(QmpProtocolException.Kind.NOT_AN_OBJECT,
                    "the peer sent a JSON value that is not an object", null);
        }
        String event = null;
        boolean eventNotText = false;
        QmpTimestamp timestamp = QmpTimestamp.UNKNOWN;
        JsonNode data = null;
        JsonNode id = null;
        JsonNode returned = null;
        JsonNode error = null;
        JsonNode greeting = null;
        JsonToken token;
        while ((token = next()) == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = next();
            switch (field) {
                case "event":
                    eventNotText = value != JsonToken.VALUE_STRING;
                    event = eventNotText ? "" : eventName(parser.getText());
                    if (eventNotText) {
                        skipValue(value, 1);
                    }
                    break;
                case "timestamp":
                    timestamp = timestamp(value);
                    break;
                case "data":
                    data = tree(value, 1);
                    break;
                case "id":
                    id = tree(value, 1);
                    break;
                case "return":
                    returned = tree(value, 1);
                    break;
                case "error":
                    error = tree(value, 1);
                    break;
                case "QMP":
                    greeting = tree(value, 1);
                    break;
                default:
                    skipValue(value, 1);
            }
        }
        if (token != JsonToken.END_OBJECT) {
            throw truncated();
        }
        requireOnlyWhitespaceAfter(line, offset + (int) (parser.currentLocation().getByteOffset() - lineStart),
                offset + length);
        requireEndOfLine();
        if (event != null) {
            if (eventNotText) {
                throw QmpCodec.badMessage("an event whose name is not a string");
            }
            String raw = new String(line, offset, length, StandardCharsets.UTF_8);
            // a CR between tokens is JSON whitespace, but no line break may reach the journal or the log
            if (raw.indexOf('\r') >= 0) {
                raw = raw.replace('\r', ' ');
            }
            return new QmpMessage.Event(new QmpEvent(event, QmpValue.wrap(data), timestamp, receivedAt,
                    receivedNanos, raw, true));
        }
        QmpValue idValue = id == null ? null : QmpValue.wrap(id);
        if (returned != null) {
            return new QmpMessage.Return(idValue, QmpValue.wrap(returned));
        }
        if (error != null) {
            return new QmpMessage.Error(idValue, text(error.get("class"), "GenericError"),
                    text(error.get("desc"), "(no description)"));
        }
        if (greeting != null) {
            return new QmpMessage.Greeting(greeting(greeting));
        }
        throw QmpCodec.badMessage("a message that is neither a reply, an error nor an event");
    }

    private String eventName(String text) {
        String known = names.get(text);
        if (known != null) {
            return known;
        }
        if (names.size() < MAX_NAMES) {
            names.put(text, text);
        }
        return text;
    }

    /** The next token; running out of the line before the value is complete is a truncated message. */
    private JsonToken next() throws IOException, QmpProtocolException {
        JsonToken token = parser.nextToken();
        if (token == JsonToken.NOT_AVAILABLE) {
            return null;
        }
        return token;
    }

    /**
     * After the object, whitespace only. The parser alone cannot say so: a value cut off by the end of the line
     * ({@code 12}, {@code "abc}, {@code tr}) is, for a non-blocking parser, just not available yet.
     */
    private static void requireOnlyWhitespaceAfter(byte[] line, int from, int end) throws QmpProtocolException {
        for (int i = from; i < end; i++) {
            byte b = line[i];
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                throw new QmpProtocolException(QmpProtocolException.Kind.MALFORMED_JSON,
                        "the peer sent more than one JSON value on a line", null);
            }
        }
    }

    private void requireEndOfLine() throws IOException, QmpProtocolException {
        JsonToken after = parser.nextToken();
        if (after != JsonToken.NOT_AVAILABLE) {
            throw new QmpProtocolException(QmpProtocolException.Kind.MALFORMED_JSON,
                    "the peer sent more than one JSON value on a line", null);
        }
    }

    private QmpTimestamp timestamp(JsonToken value) throws IOException, QmpProtocolException {
        if (value != JsonToken.START_OBJECT) {
            skipValue(value, 1);
            return QmpTimestamp.UNKNOWN;
        }
        long seconds = 0;
        long microseconds = 0;
        boolean hasSeconds = false;
        JsonToken token;
        while ((token = next()) == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken member = next();
            if (member == JsonToken.VALUE_NUMBER_INT && field.equals("seconds")) {
                seconds = parser.getLongValue();
                hasSeconds = true;
            } else if (member == JsonToken.VALUE_NUMBER_INT && field.equals("microseconds")) {
                microseconds = parser.getLongValue();
            } else {
                skipValue(member, 2);
            }
        }
        if (token != JsonToken.END_OBJECT) {
            throw truncated();
        }
        return hasSeconds ? new QmpTimestamp(seconds, microseconds) : QmpTimestamp.UNKNOWN;
    }

    /** The value starting at {@code token} as a tree. */
    private JsonNode tree(JsonToken token, int depth) throws IOException, QmpProtocolException {
        if (token == null) {
            throw truncated();
        }
        if (depth > MAX_DEPTH) {
            throw tooDeep();
        }
        switch (token) {
            case START_OBJECT: {
                ObjectNode object = nodes.objectNode();
                JsonToken next;
                while ((next = next()) == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    object.set(field, tree(next(), depth + 1));
                }
                if (next != JsonToken.END_OBJECT) {
                    throw truncated();
                }
                return object;
            }
            case START_ARRAY: {
                ArrayNode array = nodes.arrayNode();
                JsonToken next;
                while ((next = next()) != JsonToken.END_ARRAY) {
                    array.add(tree(next, depth + 1));
                }
                return array;
            }
            case VALUE_STRING:
                return nodes.textNode(parser.getText());
            case VALUE_NUMBER_INT:
                switch (parser.getNumberType()) {
                    case INT:
                        return nodes.numberNode(parser.getIntValue());
                    case LONG:
                        return nodes.numberNode(parser.getLongValue());
                    default:
                        return nodes.numberNode(parser.getBigIntegerValue());
                }
            case VALUE_NUMBER_FLOAT:
                return nodes.numberNode(parser.getDoubleValue());
            case VALUE_TRUE:
                return nodes.booleanNode(true);
            case VALUE_FALSE:
                return nodes.booleanNode(false);
            case VALUE_NULL:
                return nodes.nullNode();
            default:
                throw truncated();
        }
    }

    /**
     * Skips the value starting at {@code token}. Not {@code JsonParser.skipChildren}: on a non-blocking parser that
     * loops for ever on a value cut short by the end of the line.
     */
    private void skipValue(JsonToken token, int depth) throws IOException, QmpProtocolException {
        if (token == null) {
            throw truncated();
        }
        if (!token.isStructStart()) {
            return;
        }
        int open = 1;
        while (open > 0) {
            JsonToken next = next();
            if (next == null) {
                throw truncated();
            }
            if (next.isStructStart()) {
                open++;
                if (depth + open > MAX_DEPTH) {
                    throw tooDeep();
                }
            } else if (next.isStructEnd()) {
                open--;
            }
        }
    }

    private static QmpGreeting greeting(JsonNode qmp) throws QmpProtocolException {
        JsonNode version = qmp.path("version");
        JsonNode qemu = version.path("qemu");
        if (!qemu.path("major").isIntegralNumber() || !qemu.path("minor").isIntegralNumber()) {
            throw new QmpProtocolException(QmpProtocolException.Kind.BAD_GREETING,
                    "the greeting does not carry QEMU's version", null);
        }
        Set<String> capabilities = new LinkedHashSet<>();
        qmp.path("capabilities").forEach(c -> {
            if (c.isTextual()) {
                capabilities.add(c.textValue());
            }
        });
        return new QmpGreeting(new QemuVersion(qemu.path("major").intValue(), qemu.path("minor").intValue(),
                qemu.path("micro").intValue(), version.path("package").asText("")), capabilities);
    }

    private static String text(JsonNode node, String fallback) {
        return node != null && node.isTextual() ? node.textValue() : fallback;
    }

    private static QmpProtocolException truncated() {
        return new QmpProtocolException(QmpProtocolException.Kind.MALFORMED_JSON,
                "the peer sent a line that is not JSON: the value ends before the line does", null);
    }

    private static QmpProtocolException tooDeep() {
        return new QmpProtocolException(QmpProtocolException.Kind.MALFORMED_JSON,
                "the peer sent a value nested deeper than " + MAX_DEPTH + " levels", null);
    }

    private static String originalMessage(IOException e) {
        return e instanceof JsonProcessingException j ? j.getOriginalMessage()
                : e.getMessage();
    }

    /** ASCII is checked with one pass; only lines with high bytes pay for a real decoder. */
    private static void requireUtf8(byte[] line, int offset, int length) throws QmpProtocolException {
        for (int i = offset, end = offset + length; i < end; i++) {
            if (line[i] < 0) {
                try {
                    StandardCharsets.UTF_8.newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(line, offset, length));
                    return;
                } catch (CharacterCodingException e) {
                    throw new QmpProtocolException(QmpProtocolException.Kind.INVALID_UTF8,
                            "the peer sent bytes that are not UTF-8", e);
                }
            }
        }
    }
}
