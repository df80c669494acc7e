package org.coloconsole.journal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import org.coloconsole.journal.RawJson.Shape;
import org.junit.jupiter.api.Test;

/** The hand-written check must agree with Jackson's strict parser on every input, valid or mangled. */
class RawJsonTest {
    private static final JsonFactory JACKSON = new JsonFactory();
    /** Events as QEMU 7.2 sent them in the COLO transcripts, and a reply with every kind of JSON value. */
    private static final List<String> SEEDS = List.of(
            "{\"timestamp\": {\"seconds\": 1795634830, \"microseconds\": 682812}, \"event\": \"MIGRATION\", "
                    + "\"data\": {\"status\": \"setup\"}}",
            "{\"timestamp\": {\"seconds\": 1795634830, \"microseconds\": 682812}, \"event\": \"COLO_EXIT\", "
                    + "\"data\": {\"mode\": \"secondary\", \"reason\": \"error\"}}",
            "{\"timestamp\": {\"seconds\": -1, \"microseconds\": -1}, \"event\": \"STOP\"}",
            "{\"timestamp\": {\"seconds\": 1795634830, \"microseconds\": 0}, \"event\": \"MIGRATION_PASS\", "
                    + "\"data\": {\"pass\": 7}}",
            "{\"return\": [{\"name\": \"q\\\"uo\\\\te\\u00e9\\n\", \"n\": -0.5e+3, \"ok\": true, \"x\": null, "
                    + "\"f\": false, \"e\": [], \"o\": {}, \"big\": 12345678901234567890, \"s\": \"é ✓ \uD83D\uDE00\"}]}",
            "[1, [2, [3, [4]]], \"a\"]", "\"just a string\"", "0", "-12.25E-7", "true", "null");
    private static final String ALPHABET = "{}[]\":,\\/0123456789-+.eEtrufalsn \t\r\nxué\u0001\uD800\uDC00";

    @Test
    void realEventsAreOneLineJson() {
        for (String seed : SEEDS) {
            assertThat(RawJson.check(seed)).as(seed).isEqualTo(Shape.ONE_LINE);
        }
        assertThat(RawJson.check("  {\"event\": \"STOP\",\r\n \"data\": {}}\r\n")).isEqualTo(Shape.LINE_BREAKS);
    }

    @Test
    void notJsonIsRecognised() {
        for (String bad : List.of("", "   ", "{", "{\"a\":1", "{\"a\" 1}", "{\"a\":1,}", "[1,]", "01", "1.", ".5",
                "+1", "-", "1e", "tru", "nul", "'x'", "{a:1}", "\"\\x\"", "\"\\u12g4\"", "\"tab\there\"",
                "{} {}", "1 2", "\"\uD800\"", "\"\uDC00x\"", "NaN",
                "[".repeat(200) + "]".repeat(200) /* valid, but deeper than we check: kept as a string */)) {
            assertThat(RawJson.check(bad)).as(bad).isEqualTo(Shape.NOT_JSON);
        }
    }

    @Test
    void agreesWithJacksonOnMangledEvents() {
        Random random = new Random(1234);
        int valid = 0;
        for (int i = 0; i < 200_000; i++) {
            String text = mangle(SEEDS.get(random.nextInt(SEEDS.size())), random);
            boolean jackson = jacksonSaysOneValue(text);
            Shape shape = RawJson.check(text);
            assertThat(shape != Shape.NOT_JSON).as("%s", text).isEqualTo(jackson);
            if (shape == Shape.ONE_LINE) {
                assertThat(text).doesNotContain("\n").doesNotContain("\r");
            }
            valid += jackson ? 1 : 0;
        }
        // the mutations must leave a fair share valid, or this would only test the rejections
        assertThat(valid).isGreaterThan(10_000);
    }

    private static String mangle(String seed, Random random) {
        StringBuilder text = new StringBuilder(seed);
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits && text.length() > 0; e++) {
            int at = random.nextInt(text.length());
            char c = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
            switch (random.nextInt(4)) {
                case 0 -> text.deleteCharAt(at);
                case 1 -> text.insert(at, c);
                case 2 -> text.setCharAt(at, c);
                default -> text.insert(at, random.nextBoolean() ? ' ' : '\n'); // whitespace anywhere, in strings too
            }
        }
        return text.toString();
    }

    /** The oracle: Jackson, strict by default, reading exactly one value; plus no lone surrogate (we refuse those). */
    private static boolean jacksonSaysOneValue(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1)))
                    || Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)))) {
                return false;
            }
        }
        try (JsonParser parser = JACKSON.createParser(text)) {
            if (parser.nextToken() == null) {
                return false;
            }
            parser.skipChildren();
            return parser.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }
}
