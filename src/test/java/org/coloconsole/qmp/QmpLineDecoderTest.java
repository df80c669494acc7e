package org.coloconsole.qmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** One connection's decoder keeps its parser from line to line; these pin what that must not change. */
class QmpLineDecoderTest {
    private final QmpLineDecoder decoder = new QmpCodec().lineDecoder();

    private QmpMessage decode(String line) throws QmpProtocolException {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return decoder.decode(bytes, 0, bytes.length, Instant.EPOCH, 1);
    }

    private QmpEvent event(String line) throws QmpProtocolException {
        return ((QmpMessage.Event) decode(line)).event();
    }

    private QmpProtocolException.Kind failure(String line) {
        try {
            decode(line);
        } catch (QmpProtocolException e) {
            return e.kind();
        }
        throw new AssertionError("accepted: " + line);
    }

    @Test
    void decodesLineAfterLineWithMembersInAnyOrder() throws Exception {
        for (int i = 0; i < 3; i++) {
            QmpEvent a = event("{\"event\": \"STOP\", \"timestamp\": {\"microseconds\": 5, \"seconds\": 7}}");
            assertThat(a.name()).isEqualTo("STOP");
            assertThat(a.timestamp()).isEqualTo(new QmpTimestamp(7, 5));
            assertThat(a.data().isMissing()).isTrue();
            QmpEvent b = event("{\"data\": {\"pass\": 3, \"x\": [1, {\"y\": null}]}, \"event\": \"MIGRATION_PASS\"}");
            assertThat(b.data().integer("pass")).hasValue(3);
            assertThat(b.data().get("x").get(1).get("y").isNull()).isTrue();
            assertThat(b.timestamp().known()).isFalse();
            QmpMessage reply = decode("{\"return\": {\"status\": \"running\"}, \"id\": " + i + "}");
            assertThat(((QmpMessage.Return) reply).id().asLong(-1)).isEqualTo(i);
        }
    }

    @Test
    void aLineMustHoldExactlyOneObject() {
        assertThat(failure("{\"event\": \"STOP\"} {\"event\": \"RESUME\"}"))
                .isEqualTo(QmpProtocolException.Kind.MALFORMED_JSON);
        assertThat(failure("{\"event\": \"STOP\"} x")).isEqualTo(QmpProtocolException.Kind.MALFORMED_JSON);
        // cut off by the end of the line: to a non-blocking parser these are only "not available yet"
        for (String tail : new String[] {" 12", " \"abc", " tr", " -", "12", "\"", " [1,"}) {
            assertThat(failure("{\"event\": \"STOP\"}" + tail)).as(tail).isEqualTo(
                    QmpProtocolException.Kind.MALFORMED_JSON);
        }
        assertThat(failure("{\"event\": \"STOP\", \"data\": {\"a\": [1, 2")).isEqualTo(
                QmpProtocolException.Kind.MALFORMED_JSON);
        assertThat(failure("[1, 2]")).isEqualTo(QmpProtocolException.Kind.NOT_AN_OBJECT);
        assertThat(failure("\"STOP\"")).isEqualTo(QmpProtocolException.Kind.NOT_AN_OBJECT);
        assertThat(failure("")).isEqualTo(QmpProtocolException.Kind.NOT_AN_OBJECT);
        assertThat(failure("  ")).isEqualTo(QmpProtocolException.Kind.NOT_AN_OBJECT);
    }

    @Test
    void recoversOnTheNextLineAfterAnError() throws Exception {
        assertThat(failure("{\"event\": \"STOP\", \"data\": {\"a\": ")).isEqualTo(
                QmpProtocolException.Kind.MALFORMED_JSON);
        assertThat(failure("12")).isEqualTo(QmpProtocolException.Kind.NOT_AN_OBJECT);
        assertThat(event("{\"event\": \"RESUME\"}").name()).isEqualTo("RESUME");
        assertThat(failure("{\"event\": \"STOP\"} \"abc")).isEqualTo(QmpProtocolException.Kind.MALFORMED_JSON);
        assertThat(event("{\"event\": \"RESUME\"}  ").name()).as("the line after it is not blamed")
                .isEqualTo("RESUME");
        assertThat(event("{\"event\": \"STOP\"}").name()).isEqualTo("STOP");
    }

    @Test
    void rawTextIsTheLineWithoutLineBreaks() throws Exception {
        assertThat(event("{\"event\":\r\"STOP\"}").raw()).isEqualTo("{\"event\": \"STOP\"}");
        String line = "{\"event\": \"X\", \"data\": {\"s\": \"caf\u00e9\"}}";
        assertThat(event(line).raw()).isEqualTo(line);
    }

    @Test
    void nestingIsBounded() {
        String deep = "{\"event\": \"X\", \"data\": " + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        assertThat(failure(deep)).isEqualTo(QmpProtocolException.Kind.MALFORMED_JSON);
        String deepIgnored = "{\"event\": \"X\", \"other\": " + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        assertThat(failure(deepIgnored)).isEqualTo(QmpProtocolException.Kind.MALFORMED_JSON);
    }

    @Test
    void eventsOfOneNameShareTheirNameAndInventedNamesAreNotAllKept() throws Exception {
        assertThat(event("{\"event\": \"STOP\"}").name()).isSameAs(event("{\"event\": \"STOP\"}").name());
        for (int i = 0; i < 1_000; i++) {
            assertThat(event("{\"event\": \"X" + i + "\"}").name()).isEqualTo("X" + i);
        }
        String late = event("{\"event\": \"LATE\"}").name();
        assertThat(event("{\"event\": \"LATE\"}").name()).as("past the bound: equal, not shared")
                .isEqualTo(late).isNotSameAs(late);
    }

    @Test
    void anEventNameThatIsNotTextIsABadMessage() {
        assertThat(failure("{\"event\": 3}")).isEqualTo(QmpProtocolException.Kind.BAD_MESSAGE);
        assertThat(failure("{\"event\": {\"a\": 1}}")).isEqualTo(QmpProtocolException.Kind.BAD_MESSAGE);
    }

    @Test
    void theEventsOwnConstructorRefusesRawTextThatIsNotOneLineOfOneObject() {
        for (String bad : new String[] {"{\"event\": \"X\"}\n", "{\"event\": \"X\"} {}", "[1]", "not json", "{"}) {
            assertThatThrownBy(() -> new QmpEvent("X", QmpValue.missing(), QmpTimestamp.UNKNOWN, Instant.EPOCH, 0,
                    bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(new QmpEvent("X", QmpValue.missing(), QmpTimestamp.UNKNOWN, Instant.EPOCH, 0, "{\"event\":\"X\"}")
                .raw()).isEqualTo("{\"event\":\"X\"}");
    }
}
