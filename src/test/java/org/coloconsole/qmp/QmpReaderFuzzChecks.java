package org.coloconsole.qmp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What must hold for any bytes a peer sends, shared by the JUnit fuzz tests ({@link QmpReaderFuzzTest}) and the
 * standalone Jazzer entry points below (for long runs, see src/bench/FUZZING.md): only the client's typed errors
 * escape, every call returns, and memory stays within the line cap.
 */
final class QmpReaderFuzzChecks {
    /** Small, so that the fuzzer reaches the cap; the reader's growth bound is what is checked against it. */
    private static final int CAP = 512;
    /** LineReader's first buffer; it may grow to the cap plus one read's worth, never beyond. */
    private static final int MAX_BUFFER = CAP + 64 * 1024 + 1;
    private static final int[] CHUNKS = {1, 2, 3, 7, 64, 511, 4096};

    private static final QmpCodec CODEC = new QmpCodec();

    private QmpReaderFuzzChecks() {
    }

    /**
     * Splits {@code data} with the reader and with an obvious reference splitter, cut into chunks whose sizes depend
     * on the data: both must agree on the lines and on how the stream ends.
     */
    static void lineReader(byte[] data) throws IOException {
        ScriptedTransport transport = new ScriptedTransport();
        int cut = 0;
        for (int i = 0; cut < data.length; i++) {
            int size = Math.min(CHUNKS[(i + data.length) % CHUNKS.length], data.length - cut);
            transport.chunk(Arrays.copyOfRange(data, cut, cut + size));
            cut += size;
        }
        LineReader reader = new LineReader(transport, CAP);
        List<String> lines = new ArrayList<>();
        String ending;
        try {
            while (reader.next()) {
                assertThat(reader.lineLength()).isBetween(1, CAP);
                assertThat(reader.buffer().length).isLessThanOrEqualTo(MAX_BUFFER);
                lines.add(new String(reader.buffer(), reader.lineOffset(), reader.lineLength(),
                        java.nio.charset.StandardCharsets.ISO_8859_1));
                decodeQuietly(reader.buffer(), reader.lineOffset(), reader.lineLength());
                assertThat(lines.size()).isLessThanOrEqualTo(data.length);
            }
            ending = "END";
        } catch (QmpProtocolException e) {
            ending = e.kind().name();
        }
        assertThat(reader.buffer().length).isLessThanOrEqualTo(MAX_BUFFER);
        Expected expected = Expected.split(data);
        assertThat(lines).isEqualTo(expected.lines.subList(0, lines.size()));
        assertThat(ending + " after " + lines.size()).isEqualTo(expected.ending + " after " + expected.lines.size());
    }

    /** One line as the client decodes it: a message, or a {@link QmpProtocolException}, nothing else. */
    static void decode(byte[] line) {
        QmpMessage message = decodeQuietly(line, 0, line.length);
        if (message instanceof QmpMessage.Event event) {
            assertThat(event.event().raw()).isEqualTo(new String(line, java.nio.charset.StandardCharsets.UTF_8));
            event.event().data().toJson();
            event.event().timestamp().known();
        } else if (message instanceof QmpMessage.Return ret) {
            ret.value().toJson();
            ret.value().toPlain();
        }
    }

    private static QmpMessage decodeQuietly(byte[] bytes, int offset, int length) {
        try {
            return CODEC.decode(bytes, offset, length, Instant.EPOCH, 0L);
        } catch (QmpProtocolException e) {
            assertThat(e.getMessage()).as("an operator reads this").isNotBlank();
            return null;
        }
    }

    /** The framing rules written the slow, obvious way. */
    private static final class Expected {
        final List<String> lines = new ArrayList<>();
        String ending = "END";

        static Expected split(byte[] data) {
            Expected e = new Expected();
            int start = 0;
            for (int i = 0; i < data.length; i++) {
                if (data[i] == '\n') {
                    int end = i > start && data[i - 1] == '\r' ? i - 1 : i;
                    if (end - start > CAP) {
                        e.ending = QmpProtocolException.Kind.LINE_TOO_LONG.name();
                        return e;
                    }
                    if (end > start) {
                        e.lines.add(new String(data, start, end - start, java.nio.charset.StandardCharsets.ISO_8859_1));
                    }
                    start = i + 1;
                }
            }
            int rest = data.length - start;
            if (rest > CAP + 1) {
                // a partial line may hold the cap plus the CR of its CRLF
                e.ending = QmpProtocolException.Kind.LINE_TOO_LONG.name();
            } else if (rest > 0) {
                e.ending = QmpProtocolException.Kind.TRUNCATED_LINE.name();
            }
            return e;
        }
    }

    /** {@code java -cp … com.code_intelligence.jazzer.Jazzer --target_class=…QmpReaderFuzzChecks$LineReaderTarget}. */
    static final class LineReaderTarget {
        private LineReaderTarget() {
        }

        public static void fuzzerTestOneInput(byte[] data) throws IOException {
            lineReader(data);
        }
    }

    /** {@code java -cp … com.code_intelligence.jazzer.Jazzer --target_class=…QmpReaderFuzzChecks$DecodeTarget}. */
    static final class DecodeTarget {
        private DecodeTarget() {
        }

        public static void fuzzerTestOneInput(byte[] data) {
            decode(data);
        }
    }
}
