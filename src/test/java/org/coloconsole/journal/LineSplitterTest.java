package org.coloconsole.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LineSplitterTest {

    @Test
    void splitsOnNewlinesWhateverSizeTheReadsComeIn() throws Exception {
        Random random = new Random(42);
        for (int trial = 0; trial < 200; trial++) {
            List<String> lines = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            int count = random.nextInt(20);
            for (int i = 0; i < count; i++) {
                // now and then a line longer than the splitter's 64 KiB chunk, and empty lines too
                int length = random.nextInt(10) == 0 ? 70_000 + random.nextInt(100_000) : random.nextInt(300);
                String line = "é".repeat(length % 7) + "x".repeat(length);
                lines.add(line);
                text.append(line).append('\n');
            }
            String torn = random.nextBoolean() ? "" : "{\"half\":";
            text.append(torn);

            List<String> read = new ArrayList<>();
            try (LineSplitter splitter = new LineSplitter(new DribblingStream(
                    text.toString().getBytes(StandardCharsets.UTF_8), random), 1 << 20)) {
                byte[] line;
                while ((line = splitter.nextLine()) != null) {
                    read.add(new String(line, StandardCharsets.UTF_8));
                }
                assertThat(splitter.tornBytes()).isEqualTo((long) torn.length());
                assertThat(splitter.nextLine()).isNull();
            }
            assertThat(read).as("trial %d", trial).isEqualTo(lines);
        }
    }

    @Test
    void anEmptyStreamHasNoLinesAndNothingTorn() throws Exception {
        try (LineSplitter splitter = new LineSplitter(new ByteArrayInputStream(new byte[0]), 1024)) {
            assertThat(splitter.nextLine()).isNull();
            assertThat(splitter.tornBytes()).isZero();
        }
    }

    @Test
    void aLineOverTheLimitIsSkippedWithoutBeingKeptAndTheNextLinesStillCome() throws Exception {
        Random random = new Random(3);
        for (int trial = 0; trial < 50; trial++) {
            String text = "first\n" + "z".repeat(5000 + random.nextInt(5000)) + "\nok\n" + "t".repeat(3000);
            int overlong = text.indexOf("\nok") - "first\n".length();
            try (LineSplitter splitter = new LineSplitter(new DribblingStream(
                    text.getBytes(StandardCharsets.UTF_8), random), 1000)) {
                assertThat(new String(splitter.nextLine(), StandardCharsets.UTF_8)).isEqualTo("first");
                assertThat(splitter.nextLine()).isSameAs(LineSplitter.OVERLONG);
                assertThat(splitter.overlongBytes()).isEqualTo((long) overlong);
                assertThat(new String(splitter.nextLine(), StandardCharsets.UTF_8)).isEqualTo("ok");
                assertThat(splitter.nextLine()).isNull();
                assertThat(splitter.tornBytes()).isEqualTo(3000L);
            }
        }
    }

    /** Hands out at most a few hundred bytes per read, sometimes one, as a pipe or a slow disk may. */
    private static final class DribblingStream extends InputStream {
        private final byte[] bytes;
        private final Random random;
        private int position;

        DribblingStream(byte[] bytes, Random random) {
            this.bytes = bytes;
            this.random = random;
        }

        @Override
        public int read() {
            return position < bytes.length ? bytes[position++] & 0xff : -1;
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            if (position >= bytes.length) {
                return -1;
            }
            int n = Math.min(Math.min(length, bytes.length - position), 1 + random.nextInt(random.nextBoolean() ? 3 : 40_000));
            System.arraycopy(bytes, position, into, offset, n);
            position += n;
            return n;
        }
    }
}
