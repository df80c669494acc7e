package org.coloconsole.journal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thousands of random records (any text, any nesting, numbers at their limits, raw that is JSON or not) through a real
 * journal file: every one is exactly one line that Jackson reads as an object, and reads back as it was written.
 */
class JournalRandomRoundTripTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JournalRecord.Kind[] KINDS = {JournalRecord.Kind.EVENT, JournalRecord.Kind.STATE_CHANGE,
        JournalRecord.Kind.RECOMMENDATION, JournalRecord.Kind.ACTION_INTENT, JournalRecord.Kind.ACTION_STEP,
        JournalRecord.Kind.ACTION_OUTCOME, JournalRecord.Kind.GAP, JournalRecord.Kind.NOTE};

    @TempDir
    Path dir;

    @Test
    void randomRecordsAreOneJsonLineEachAndReadBackAsWritten() throws Exception {
        Random random = new Random(2026);
        List<JournalRecord> written = new ArrayList<>();
        List<Map<String, Object>> expectedFields = new ArrayList<>();
        try (Journal journal = new Journal(dir, JournalOptions.defaults())) {
            for (int i = 0; i < 3000; i++) {
                Map<String, Object> fields = new LinkedHashMap<>();
                Map<String, Object> expected = new LinkedHashMap<>();
                int count = random.nextInt(5);
                for (int f = 0; f < count; f++) {
                    String key = "k" + f + text(random, 6);
                    Object[] value = value(random, 0);
                    fields.put(key, value[0]);
                    expected.put(key, value[1]);
                }
                String raw = random.nextInt(3) == 0 ? null : raw(random);
                JournalRecord record = new JournalRecord(Instant.ofEpochSecond(random.nextInt(2_000_000_000),
                        random.nextInt(1_000_000_000)), KINDS[random.nextInt(KINDS.length)],
                        random.nextBoolean() ? null : "primary", fields, raw);
                if (record.kind().isAction() && random.nextInt(10) == 0) {
                    journal.appendDurable(record);
                } else {
                    assertThat(journal.append(record)).isTrue();
                }
                written.add(record);
                expectedFields.add(expected);
            }
        }

        List<String> lines = Files.readAllLines(dir.resolve(JournalFiles.CURRENT), StandardCharsets.UTF_8);
        assertThat(lines).hasSize(written.size());
        for (int i = 0; i < lines.size(); i++) {
            JsonNode line = JSON.readTree(lines.get(i));
            assertThat(line.isObject()).as(lines.get(i)).isTrue();
            if (written.get(i).rawJson() != null) {
                assertThat(line.has("raw")).isTrue();
            }
        }
        List<JournalRecord> read = JournalRoundTripTest.readAll(dir);
        assertThat(read).hasSize(written.size());
        for (int i = 0; i < read.size(); i++) {
            JournalRecord in = written.get(i);
            JournalRecord out = read.get(i);
            assertThat(out.at()).isEqualTo(in.at().truncatedTo(ChronoUnit.MICROS));
            assertThat(out.kind()).isEqualTo(in.kind());
            assertThat(out.side()).isEqualTo(in.side());
            assertThat(out.fields()).as(lines.get(i)).isEqualTo(expectedFields.get(i));
            if (in.rawJson() == null) {
                assertThat(out.rawJson()).isNull();
            } else if (RawJson.check(in.rawJson()) == RawJson.Shape.NOT_JSON) {
                assertThat(JSON.readTree(out.rawJson()).textValue()).isEqualTo(in.rawJson());
            } else {
                assertThat(JSON.readTree(out.rawJson())).isEqualTo(JSON.readTree(in.rawJson()));
            }
        }
    }

    /** {value to write, what the reader gives back}. */
    private static Object[] value(Random random, int depth) {
        switch (random.nextInt(depth > 2 ? 7 : 9)) {
            case 0:
                String s = text(random, 30);
                return new Object[] {s, s};
            case 1:
                long l = random.nextBoolean() ? random.nextLong() : random.nextInt(100) - 50;
                return new Object[] {l, l == (int) l ? (Object) (int) l : (Object) l};
            case 2:
                double d = random.nextBoolean() ? random.nextDouble() * Math.pow(10, random.nextInt(40) - 20)
                        : Double.longBitsToDouble(random.nextLong());
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    return new Object[] {d, String.valueOf(d)}; // JSON has no NaN: written as a string
                }
                return new Object[] {d, d};
            case 3:
                BigInteger big = new BigInteger(100, random);
                return new Object[] {big, big};
            case 4:
                boolean b = random.nextBoolean();
                return new Object[] {b, b};
            case 5:
                return new Object[] {null, null};
            case 6:
                Instant at = Instant.ofEpochSecond(random.nextInt(2_000_000_000), random.nextInt(1_000_000_000));
                return new Object[] {at, new UtcMicros().formatToString(at)};
            case 7: {
                List<Object> in = new ArrayList<>();
                List<Object> out = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    Object[] v = value(random, depth + 1);
                    in.add(v[0]);
                    out.add(v[1]);
                }
                return new Object[] {in, out};
            }
            default: {
                Map<String, Object> in = new LinkedHashMap<>();
                Map<String, Object> out = new LinkedHashMap<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    String key = text(random, 8);
                    Object[] v = value(random, depth + 1);
                    in.put(key, v[0]);
                    out.put(key, v[1]);
                }
                return new Object[] {in, out};
            }
        }
    }

    /** Any text: controls, quotes, backslashes, line breaks, non-ASCII and astral characters. */
    private static String text(Random random, int maxLength) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(maxLength + 1); i > 0; i--) {
            switch (random.nextInt(6)) {
                case 0 -> text.append((char) random.nextInt(0x20));
                case 1 -> text.append("\"\\\n\r\u2028/".charAt(random.nextInt(6)));
                case 2 -> text.appendCodePoint(0x80 + random.nextInt(0xD800 - 0x80));
                case 3 -> text.appendCodePoint(0x10000 + random.nextInt(0x10FFFF - 0x10000));
                default -> text.append((char) (0x20 + random.nextInt(0x5F)));
            }
        }
        return text.toString();
    }

    private static String raw(Random random) {
        switch (random.nextInt(4)) {
            case 0:
                return text(random, 40); // whatever a broken peer sent
            case 1:
                return "{\"timestamp\": {\"seconds\": " + random.nextInt() + ", \"microseconds\": 1},\r\n \"event\": "
                        + "\"X\"}\n";
            default:
                try {
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("event", text(random, 10));
                    data.put("data", Map.of("n", random.nextLong(), "s", text(random, 20)));
                    return JSON.writeValueAsString(data);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
        }
    }
}
