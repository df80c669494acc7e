package org.coloconsole.qmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineReaderTest {

    private static List<String> readAll(LineReader reader) throws Exception {
        List<String> lines = new ArrayList<>();
        while (reader.next()) {
            lines.add(new String(reader.buffer(), reader.lineOffset(), reader.lineLength(), StandardCharsets.UTF_8));
        }
        return lines;
    }

    @Test
    void splitsCrlfLinesAcrossArbitraryChunks() throws Exception {
        ScriptedTransport t = new ScriptedTransport().chunk("{\"a\":1}\r\n{\"b\"").chunk(":2}\r").chunk("\n\r\n{\"c\":3}\n");
        assertThat(readAll(new LineReader(t, 1024))).containsExactly("{\"a\":1}", "{\"b\":2}", "{\"c\":3}");
    }

    @Test
    void growsForLongLinesUpToTheCap() throws Exception {
        char[] big = new char[300_000];
        Arrays.fill(big, 'x');
        String line = "{\"return\":\"" + new String(big) + "\"}";
        ScriptedTransport t = new ScriptedTransport();
        for (int i = 0; i < line.length(); i += 7000) {
            t.chunk(line.substring(i, Math.min(line.length(), i + 7000)));
        }
        t.chunk("\r\n");
        assertThat(readAll(new LineReader(t, 16 * 1024 * 1024))).containsExactly(line);
    }

    @Test
    void aLineOverTheCapIsAProtocolErrorNotAnOutOfMemory() {
        byte[] chunk = new byte[8192];
        Arrays.fill(chunk, (byte) 'x');
        ScriptedTransport t = new ScriptedTransport();
        for (int i = 0; i < 100; i++) {
            t.chunk(chunk);
        }
        LineReader reader = new LineReader(t, 64 * 1024);
        assertThatThrownBy(reader::next).isInstanceOfSatisfying(QmpProtocolException.class,
                e -> assertThat(e.kind()).isEqualTo(QmpProtocolException.Kind.LINE_TOO_LONG));
        assertThat(reader.buffer().length).isLessThan(64 * 1024 * 3);
    }

    @Test
    void endOfStreamMidLineIsTruncated() throws Exception {
        LineReader reader = new LineReader(new ScriptedTransport().chunk("{\"a\":1}\n{\"ret"), 1024);
        assertThat(reader.next()).isTrue();
        assertThatThrownBy(reader::next).isInstanceOfSatisfying(QmpProtocolException.class,
                e -> assertThat(e.kind()).isEqualTo(QmpProtocolException.Kind.TRUNCATED_LINE));
    }

    @Test
    void aFailedReadMidLineIsTruncatedAndBetweenLinesIsTheIoError() throws Exception {
        LineReader mid = new LineReader(new ScriptedTransport().chunk("{\"ret").thenFail(new IOException("reset")), 1024);
        assertThatThrownBy(mid::next).isInstanceOfSatisfying(QmpProtocolException.class,
                e -> assertThat(e.kind()).isEqualTo(QmpProtocolException.Kind.TRUNCATED_LINE));
        LineReader between = new LineReader(new ScriptedTransport().chunk("{}\n").thenFail(new IOException("reset")), 1024);
        assertThat(between.next()).isTrue();
        assertThatThrownBy(between::next).isInstanceOf(IOException.class).hasMessage("reset");
    }

    @Test
    void cleanEndBetweenLines() throws Exception {
        assertThat(readAll(new LineReader(new ScriptedTransport().chunk("{}\r\n"), 1024))).containsExactly("{}");
        assertThat(readAll(new LineReader(new ScriptedTransport(), 1024))).isEmpty();
    }
}
