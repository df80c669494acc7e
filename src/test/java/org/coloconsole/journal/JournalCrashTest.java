package org.coloconsole.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kill -9 a process while it journals an event storm, right after it confirms a durable action. */
class JournalCrashTest {
    private static final int ROUNDS = 3;
    private static final int CONFIRMATIONS_BEFORE_KILL = 40;

    @TempDir
    Path dir;

    @Test
    void everyConfirmedActionSurvivesSigkillAndATornLineIsSetAside() throws Exception {
        Set<Long> confirmedAll = new TreeSet<>();
        int tornSeen = 0;
        for (int round = 0; round < ROUNDS; round++) {
            List<Long> confirmed = runChildAndKill();
            assertThat(confirmed).hasSizeGreaterThanOrEqualTo(CONFIRMATIONS_BEFORE_KILL);
            for (long seq : confirmed) {
                confirmedAll.add(round * 1_000_000L + seq);
            }

            boolean lastRound = round == ROUNDS - 1;
            if (lastRound) {
                tearTheLastLine();
            }
            try (Journal reopened = new Journal(dir, JournalOptions.defaults())) {
                JournalOpenReport report = reopened.openReport();
                if (lastRound) {
                    assertThat(report.hadTornLine()).as("a torn last line is found").isTrue();
                }
                if (report.hadTornLine()) {
                    tornSeen++;
                    Path torn = report.tornFile().orElseThrow();
                    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(torn)))
                            .isEqualTo("rw-------");
                    assertThat(Files.size(torn)).isEqualTo(report.tornBytes()).isPositive();
                    assertThat(report.warnings()).anyMatch(w -> w.contains(torn.toString()));
                }
            }
            // after the repair the journal reads without a torn tail or a bad line
            Set<Long> found = new TreeSet<>();
            int intentsThisRound = 0;
            long events = 0;
            try (JournalReader reader = JournalReader.openDirectory(dir)) {
                List<JournalRecord> all = reader.stream().toList();
                assertThat(reader.tornTail()).isFalse();
                assertThat(reader.skippedLines()).as(String.join("\n", reader.problems())).isZero();
                int roundIndex = -1;
                for (JournalRecord record : all) {
                    if (record.kind() == JournalRecord.Kind.ACTION_INTENT) {
                        long seq = ((Number) record.fields().get("seq")).longValue();
                        if (seq == 0) {
                            roundIndex++;
                        }
                        found.add(roundIndex * 1_000_000L + seq);
                        if (roundIndex == round) {
                            intentsThisRound++;
                        }
                    } else if (record.kind() == JournalRecord.Kind.EVENT) {
                        events++;
                    }
                }
            }
            assertThat(found).containsAll(confirmedAll);
            assertThat(intentsThisRound).isGreaterThanOrEqualTo(confirmed.size());
            assertThat(events).as("the storm was journaled too").isPositive();
        }
        assertThat(tornSeen).as("torn lines set aside").isPositive();
        System.out.println("JournalCrashTest: " + ROUNDS + " kills, " + confirmedAll.size()
                + " confirmed actions all found, torn lines set aside: " + tornSeen);
    }

    /**
     * A kill lands between two writes more often than inside one, so a torn line is not certain after a SIGKILL: the
     * last round makes sure of one by leaving the journal as a kill in the middle of a write does, its last line cut.
     */
    private void tearTheLastLine() throws IOException {
        Path file = dir.resolve("journal.jsonl");
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (text.endsWith("\n")) {
            Files.writeString(file, "{\"at\":\"2026-11-25T20:00:00.000000Z\",\"kind\":\"ev",
                    StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        }
    }

    private List<Long> runChildAndKill() throws Exception {
        Process child = new ProcessBuilder(javaBinary(), "-Xmx256m", "-cp", childClasspath(),
                JournalCrashChild.class.getName(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<Long> confirmed = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("CONFIRMED ")) {
                    confirmed.add(Long.parseLong(line.substring("CONFIRMED ".length())));
                    if (confirmed.size() >= CONFIRMATIONS_BEFORE_KILL) {
                        child.destroyForcibly(); // SIGKILL, right after a confirmation
                        break;
                    }
                }
            }
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("the child ended").isTrue();
        }
        return confirmed;
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Surefire may put the code on the module path or the class path; the child takes all of it as a class path. */
    private static String childClasspath() throws Exception {
        List<String> parts = new ArrayList<>();
        parts.add(Path.of(JournalCrashChild.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString());
        parts.add(Path.of(Journal.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        parts.add(Path.of("target", "test-classes").toAbsolutePath().toString());
        parts.add(Path.of("target", "classes").toAbsolutePath().toString());
        for (String property : List.of("jdk.module.path", "java.class.path")) {
            String value = System.getProperty(property);
            if (value != null && !value.isEmpty()) {
                parts.add(value);
            }
        }
        return String.join(File.pathSeparator, parts);
    }
}
