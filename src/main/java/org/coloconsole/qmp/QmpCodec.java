package org.coloconsole.qmp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;

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
     * Decodes one line on its own. A connection's reader uses {@link #lineDecoder()} instead, which keeps its parser
     * from line to line.
     *
     * @param receivedNanos monotonic receive time, kept on events
     * @throws QmpProtocolException when the line is not UTF-8, not one JSON object, or not a QMP message
     */
    public QmpMessage decode(byte[] line, int offset, int length, Instant receivedAt, long receivedNanos)
            throws QmpProtocolException {
        return lineDecoder().decode(line, offset, length, receivedAt, receivedNanos);
    }

    /** A decoder for one connection's lines, to be used by one thread. */
    public QmpLineDecoder lineDecoder() {
        return new QmpLineDecoder(factory);
    }

    static QmpProtocolException badMessage(String what) {
        return new QmpProtocolException(QmpProtocolException.Kind.BAD_MESSAGE, "the peer sent " + what, null);
    }
}
