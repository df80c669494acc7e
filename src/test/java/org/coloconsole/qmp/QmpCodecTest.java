package org.coloconsole.qmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QmpCodecTest {
    private final QmpCodec codec = new QmpCodec();

    private QmpMessage decode(String line) throws QmpProtocolException {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return codec.decode(bytes, 0, bytes.length, Instant.EPOCH, 42);
    }

    @Test
    void encodesCommandsOnOneLine() {
        String plain = new String(codec.encodeCommand("query-status", null, 7, false), StandardCharsets.UTF_8);
        assertThat(plain).isEqualTo("{\"execute\":\"query-status\",\"id\":7}\n");
        String withArgs = new String(codec.encodeCommand("yank",
                Map.of("instances", List.of(Map.of("type", "migration"))), 8, true), StandardCharsets.UTF_8);
        assertThat(withArgs).isEqualTo("{\"exec-oob\":\"yank\",\"arguments\":{\"instances\":[{\"type\":\"migration\"}]},\"id\":8}\n");
    }

    @Test
    void decodesTheGreetingOfQemu72() throws Exception {
        QmpMessage m = decode("{\"QMP\": {\"version\": {\"qemu\": {\"micro\": 22, \"minor\": 2, \"major\": 7}, "
                + "\"package\": \"Debian 1:7.2+dfsg-7+deb12u18+b3\"}, \"capabilities\": [\"oob\"]}}");
        assertThat(m).isInstanceOf(QmpMessage.Greeting.class);
        QmpGreeting g = ((QmpMessage.Greeting) m).greeting();
        assertThat(g.version()).isEqualTo(new QemuVersion(7, 2, 22, "Debian 1:7.2+dfsg-7+deb12u18+b3"));
        assertThat(g.offers("oob")).isTrue();
    }

    @Test
    void aGreetingWithoutVersionIsRejected() {
        assertThatThrownBy(() -> decode("{\"QMP\": {\"capabilities\": []}}"))
                .isInstanceOfSatisfying(QmpProtocolException.class,
                        e -> assertThat(e.kind()).isEqualTo(QmpProtocolException.Kind.BAD_GREETING));
    }

    @Test
    void decodesEventsWithQemuTimeAndRawText() throws Exception {
        String line = "{\"timestamp\": {\"seconds\": 1764099000, \"microseconds\": 123456}, \"event\": \"COLO_EXIT\", "
                + "\"data\": {\"mode\": \"secondary\", \"reason\": \"error\", \"extra\": 1}}";
        QmpEvent e = ((QmpMessage.Event) decode(line)).event();
        assertThat(e.name()).isEqualTo("COLO_EXIT");
        assertThat(e.data().string("mode")).contains("secondary");
        assertThat(e.data().string("reason")).contains("error");
        assertThat(e.timestamp()).isEqualTo(new QmpTimestamp(1764099000, 123456));
        assertThat(e.timestamp().instant()).contains(Instant.ofEpochSecond(1764099000, 123_456_000));
        assertThat(e.raw()).isEqualTo(line);
        assertThat(e.receivedNanos()).isEqualTo(42);
    }

    @Test
    void keepsAnUnknownClockAsUnknown() throws Exception {
        QmpEvent e = ((QmpMessage.Event) decode(
                "{\"timestamp\": {\"seconds\": -1, \"microseconds\": -1}, \"event\": \"STOP\"}")).event();
        assertThat(e.timestamp().known()).isFalse();
        assertThat(e.timestamp().instant()).isEmpty();
        assertThat(e.data().isMissing()).isTrue();
    }

    @Test
    void decodesRepliesAndErrorsWithOrWithoutId() throws Exception {
        QmpMessage.Return r = (QmpMessage.Return) decode("{\"return\": {\"running\": true}, \"id\": 3}");
        assertThat(r.id().asLong(-1)).isEqualTo(3);
        assertThat(r.value().bool("running")).contains(true);

        QmpMessage.Error e = (QmpMessage.Error) decode(
                "{\"error\": {\"class\": \"CommandNotFound\", \"desc\": \"The command nope has not been found\"}, \"id\": 4}");
        assertThat(e.errorClass()).isEqualTo("CommandNotFound");
        assertThat(e.id().asLong(-1)).isEqualTo(4);

        QmpMessage.Error noId = (QmpMessage.Error) decode(
                "{\"error\": {\"class\": \"GenericError\", \"desc\": \"JSON parse error\"}}");
        assertThat(noId.id()).isNull();
    }

    @Test
    void unknownKeysAreIgnored() throws Exception {
        QmpMessage.Return r = (QmpMessage.Return) decode("{\"return\": [], \"id\": 1, \"future-key\": {\"x\": 1}}");
        assertThat(r.value().isArray()).isTrue();
    }

    @Test
    void rejectsWhatIsNotQmp() {
        assertKind("[1,2,3]", QmpProtocolException.Kind.NOT_AN_OBJECT);
        assertKind("\"text\"", QmpProtocolException.Kind.NOT_AN_OBJECT);
        assertKind("{\"return\": ", QmpProtocolException.Kind.MALFORMED_JSON);
        assertKind("garbage", QmpProtocolException.Kind.MALFORMED_JSON);
        assertKind("{\"hello\": 1}", QmpProtocolException.Kind.BAD_MESSAGE);
        assertKind("{\"event\": 5}", QmpProtocolException.Kind.BAD_MESSAGE);
    }

    @Test
    void rejectsInvalidUtf8ButAcceptsRealUtf8() throws Exception {
        byte[] bad = "{\"event\": \"X\", \"data\": {\"s\": \"\u00ff\"}}".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> codec.decode(bad, 0, bad.length, Instant.EPOCH, 0))
                .isInstanceOfSatisfying(QmpProtocolException.class,
                        e -> assertThat(e.kind()).isEqualTo(QmpProtocolException.Kind.INVALID_UTF8));
        QmpEvent ok = ((QmpMessage.Event) decode("{\"event\": \"X\", \"data\": {\"s\": \"h\u00e9\u2713\"}}")).event();
        assertThat(ok.data().string("s")).contains("h\u00e9\u2713");
    }

    private void assertKind(String line, QmpProtocolException.Kind kind) {
        assertThatThrownBy(() -> decode(line))
                .isInstanceOfSatisfying(QmpProtocolException.class, e -> assertThat(e.kind()).isEqualTo(kind));
    }

    @Test
    void aTimestampNoClockCanHaveIsUnknownNotAnException() throws Exception {
        QmpEvent e = ((QmpMessage.Event) decode("{\"timestamp\": {\"seconds\": 9223372036854775807, "
                + "\"microseconds\": 5}, \"event\": \"STOP\"}")).event();
        assertThat(e.timestamp().known()).isFalse();
        assertThat(e.timestamp().instant()).isEmpty();
    }
}
