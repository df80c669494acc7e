package org.coloconsole.qmp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** QMP's JSON framing: commands to bytes, lines to {@link QmpMessage}s. Stateless and thread-safe. */
public final class QmpCodec {
    private final ObjectMapper mapper;
    private final JsonFactory factory;

    public QmpCodec() {
        this.mapper = QmpValue.MAPPER;
        this.factory = mapper.getFactory();
    }

    /** A command line, newline-terminated. {@code arguments} may be null or empty. */
    public byte[] encodeCommand(String command, Map<String, ?> arguments, long id, boolean outOfBand) {
        try (ByteArrayBuilder bytes = new ByteArrayBuilder(128);
             JsonGenerator json = factory.createGenerator(bytes)) {
            json.writeStartObject();
            json.writeStringField(outOfBand ? "exec-oob" : "execute", command);
            if (arguments != null && !arguments.isEmpty()) {
                json.writeFieldName("arguments");
                mapper.writeValue(json, arguments);
            }
            json.writeNumberField("id", id);
            json.writeEndObject();
            json.flush();
            bytes.append('\n');
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode " + command, e);
        }
    }

    /**
     * Decodes one line.
     *
     * @param receivedNanos monotonic receive time, kept on events
     * @throws QmpProtocolException when the line is not UTF-8, not JSON, not an object, or not a QMP message
     */
    public QmpMessage decode(byte[] line, int offset, int length, Instant receivedAt, long receivedNanos)
            throws QmpProtocolException {
        requireUtf8(line, offset, length);
        JsonNode node;
        try {
            node = mapper.readTree(line, offset, length);
        } catch (JsonProcessingException e) {
            throw new QmpProtocolException(QmpProtocolException.Kind.MALFORMED_JSON,
                    "the peer sent a line that is not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new QmpProtocolException(QmpProtocolException.Kind.MALFORMED_JSON,
                    "the peer sent a line that could not be read: " + e.getMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new QmpProtocolException(QmpProtocolException.Kind.NOT_AN_OBJECT,
                    "the peer sent a JSON value that is not an object", null);
        }
        JsonNode event = node.get("event");
        if (event != null) {
            if (!event.isTextual()) {
                throw badMessage("an event whose name is not a string");
            }
            return new QmpMessage.Event(new QmpEvent(event.textValue(), QmpValue.wrap(node.get("data")),
                    timestamp(node.get("timestamp")), receivedAt, receivedNanos,
                    new String(line, offset, length, StandardCharsets.UTF_8)));
        }
        JsonNode id = node.get("id");
        QmpValue idValue = id == null ? null : QmpValue.wrap(id);
        if (node.has("return")) {
            return new QmpMessage.Return(idValue, QmpValue.wrap(node.get("return")));
        }
        JsonNode error = node.get("error");
        if (error != null) {
            return new QmpMessage.Error(idValue, text(error.get("class"), "GenericError"),
                    text(error.get("desc"), "(no description)"));
        }
        JsonNode greeting = node.get("QMP");
        if (greeting != null) {
            return new QmpMessage.Greeting(greeting(greeting));
        }
        throw badMessage("a message that is neither a reply, an error nor an event");
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

    private static QmpTimestamp timestamp(JsonNode node) {
        if (node == null || !node.path("seconds").isIntegralNumber()) {
            return QmpTimestamp.UNKNOWN;
        }
        return new QmpTimestamp(node.path("seconds").longValue(), node.path("microseconds").longValue());
    }

    private static String text(JsonNode node, String fallback) {
        return node != null && node.isTextual() ? node.textValue() : fallback;
    }

    private static QmpProtocolException badMessage(String what) {
        return new QmpProtocolException(QmpProtocolException.Kind.BAD_MESSAGE, "the peer sent " + what, null);
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
