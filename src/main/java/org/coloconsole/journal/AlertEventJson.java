package org.coloconsole.journal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import org.coloconsole.colo.Alert;

/**
 * An alert as one JSON object, the event a profile's alert command reads on stdin (engine/AlertCommand): kind, pair,
 * side (null for the pair as a whole), title, body and the time (ISO 8601, UTC). Written here, beside the journal's
 * own JSON, because only the wire and storage layers know JSON.
 */
public final class AlertEventJson {
    private static final JsonFactory JSON = new JsonFactory();

    private AlertEventJson() {
    }

    public static String of(Alert alert, String pairName) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("kind", alert.kind().wireName());
            json.writeStringField("pair", pairName);
            if (alert.side().isPresent()) {
                json.writeStringField("side", alert.side().get().label());
            } else {
                json.writeNullField("side");
            }
            json.writeStringField("title", alert.title());
            json.writeStringField("body", alert.body());
            json.writeStringField("at", alert.at().toString());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }
}
