package org.coloconsole.arch;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The window reads the domain's enums, never copies of them: a string literal under {@code ui} that spells the name of
 * a value of one of {@code colo}'s enums ("CONNECTED", "LOST", "PROMOTE_SECONDARY"…) is a state kept or compared as
 * text, which a rename in the enum would silently break. Compare the enum, or switch over it so a new value is a
 * compile error. The one place such a word may stand is the result of a switch arm ({@code case PROTECTED ->
 * "PROTECTED"}): there it is what the operator reads for that value, mapped from the enum, not a copy of it.
 */
class UiSpeaksDomainTypesTest {
    private static final Path UI = Path.of("src/main/java/org/coloconsole/ui");
    // a Java string literal, escapes included; text blocks are not used under ui
    /** Words that are also names of things, not only states: "COLO" labels the card's COLO row. */
    private static final Set<String> ALSO_NAMES = Set.of("COLO");
    private static final Pattern LITERAL = Pattern.compile("(->\\s*)?\"((?:[^\"\\\\\\n]|\\\\.)*)\"");

    @Test
    void noUiSourceSpellsADomainStateAsAString() throws IOException {
        Map<String, String> states = domainStates();
        assertThat(states).as("the domain's enum values were found").containsKeys("CONNECTED", "LOST", "PRIMARY");
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(UI)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher m = LITERAL.matcher(withoutComment(lines.get(i)));
                    while (m.find()) {
                        String enumName = states.get(m.group(2));
                        if (enumName != null && m.group(1) == null && !ALSO_NAMES.contains(m.group(2))) {
                            found.add(UI.relativize(file) + ":" + (i + 1) + " \"" + m.group(2) + "\" (" + enumName + ")");
                        }
                    }
                }
            }
        }
        assertThat(found).as("domain states spelt as strings under ui").isEmpty();
    }

    /** The catch works: a line as the dashboard once had it is found. */
    @Test
    void aStateComparedAsTextIsFound() {
        Matcher m = LITERAL.matcher("if (\"CONNECTED\".equals(side.connection())) return switch (k) { case A -> \"WAIT\"; };");
        List<String> compared = new ArrayList<>();
        while (m.find()) {
            if (m.group(1) == null) {
                compared.add(m.group(2));
            }
        }
        assertThat(compared).containsExactly("CONNECTED");
        assertThat(domainStates()).containsKeys("CONNECTED", "LOST");
    }

    /** Every constant of every enum in colo (nested ones too), upper case, with the enum that holds it. */
    private static Map<String, String> domainStates() {
        Map<String, String> states = new TreeMap<>();
        for (JavaClass c : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.coloconsole.colo")) {
            if (c.isEnum()) {
                for (Object constant : c.reflect().getEnumConstants()) {
                    states.putIfAbsent(((Enum<?>) constant).name(), c.getSimpleName());
                }
            }
        }
        return states;
    }

    private static String withoutComment(String line) {
        String trimmed = line.strip();
        return trimmed.startsWith("*") || trimmed.startsWith("/*") || trimmed.startsWith("//") ? "" : line;
    }
}
