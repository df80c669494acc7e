package org.coloconsole.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalFilesTest {
    @TempDir
    Path tmp;

    @Test
    void defaultDirectoryFollowsXdg() {
        assertThat(Journal.defaultDirectory(Map.of("XDG_DATA_HOME", "/data", "HOME", "/home/op")))
                .isEqualTo(Path.of("/data/colo-console/journal"));
        assertThat(Journal.defaultDirectory(Map.of("HOME", "/home/op")))
                .isEqualTo(Path.of("/home/op/.local/share/colo-console/journal"));
        // the XDG spec: an empty or relative XDG_DATA_HOME is ignored
        assertThat(Journal.defaultDirectory(Map.of("XDG_DATA_HOME", "", "HOME", "/home/op")))
                .isEqualTo(Path.of("/home/op/.local/share/colo-console/journal"));
        assertThat(Journal.defaultDirectory(Map.of("XDG_DATA_HOME", "rel/data", "HOME", "/home/op")))
                .isEqualTo(Path.of("/home/op/.local/share/colo-console/journal"));
        assertThat(JournalFiles.defaultDirectory(Map.of(), "/fallback"))
                .isEqualTo(Path.of("/fallback/.local/share/colo-console/journal"));
    }

    @Test
    void directoryIs0700AndFilesAre0600FromCreation() throws Exception {
        Path dir = tmp.resolve("share/colo-console/journal");
        try (Journal journal = new Journal(dir, JournalOptions.defaults())) {
            journal.appendDurable(JournalRecord.note(Instant.now(), "hello"));
            assertThat(journal.openReport().warnings()).isEmpty();
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("journal.jsonl"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("journal.lock"))))
                .isEqualTo("rw-------");
    }

    @Test
    void looserExistingPermissionsAreTightenedWithAWarning() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("journal"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path current = Files.writeString(dir.resolve("journal.jsonl"), "");
        Files.setPosixFilePermissions(current, PosixFilePermissions.fromString("rw-r--r--"));
        try (Journal journal = new Journal(dir, JournalOptions.defaults())) {
            assertThat(journal.openReport().warnings()).hasSize(2)
                    .anyMatch(w -> w.contains("rwxr-xr-x") && w.contains("rwx------"))
                    .anyMatch(w -> w.contains("rw-r--r--") && w.contains("rw-------"));
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(current))).isEqualTo("rw-------");
    }

    @Test
    void aSecondJournalOnTheSameDirectoryIsRefusedWithASentence() throws Exception {
        try (Journal first = new Journal(tmp, JournalOptions.defaults())) {
            assertThatThrownBy(() -> new Journal(tmp, JournalOptions.defaults()))
                    .isInstanceOf(JournalException.class)
                    .hasMessageContaining("Another COLO Console is already writing the journal in " + tmp);
        }
        // released on close
        new Journal(tmp, JournalOptions.defaults()).close();
    }

    @Test
    void rotatedNamesAreUtcStampsMadeUniqueAndSortOldestFirst() throws Exception {
        Instant t = Instant.parse("2024-05-01T12:34:56Z");
        Path a = Files.createFile(JournalFiles.rotatedName(tmp, t));
        Path b = Files.createFile(JournalFiles.rotatedName(tmp, t));
        Path c = Files.createFile(JournalFiles.rotatedName(tmp, t));
        Path older = Files.createFile(JournalFiles.rotatedName(tmp, t.minusSeconds(3600)));
        Files.createFile(tmp.resolve("journal.jsonl"));
        Files.createFile(tmp.resolve("notes.txt"));
        assertThat(a.getFileName().toString()).isEqualTo("journal-20240501-123456.jsonl");
        assertThat(b.getFileName().toString()).isEqualTo("journal-20240501-123456-1.jsonl");
        assertThat(c.getFileName().toString()).isEqualTo("journal-20240501-123456-2.jsonl");
        assertThat(JournalFiles.rotatedFiles(tmp)).containsExactly(older, a, b, c);
        assertThat(JournalFiles.prune(tmp, 2)).isEqualTo(2);
        assertThat(JournalFiles.rotatedFiles(tmp)).containsExactly(b, c);
    }

    @Test
    void sizeRotationKeepsEveryLineInOrderAndOnlyTheConfiguredNumberOfOldFiles() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2024-05-01T12:00:00Z"), ZoneOffset.UTC);
        JournalOptions small = JournalOptions.defaults().withMaxFileBytes(4096).withKeepRotatedFiles(100)
                .withBuffers(1024, 64 * 1024);
        try (Journal journal = new Journal(tmp, small, clock)) {
            for (int i = 0; i < 500; i++) {
                // durable so each line is its own batch and the file never overshoots by more than one line
                journal.appendDurable(JournalRecord.of(clock.instant(), JournalRecord.Kind.EVENT, "primary",
                        Map.of("n", i)));
            }
        }
        List<Path> rotated = JournalFiles.rotatedFiles(tmp);
        assertThat(rotated).hasSizeGreaterThan(5);
        for (Path file : rotated) {
            assertThat(Files.size(file)).isLessThanOrEqualTo(4096);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
        assertThat(JournalRoundTripTest.readAll(tmp)).extracting(r -> r.fields().get("n"))
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 500).boxed().toList());

        try (Journal journal = new Journal(tmp, small.withKeepRotatedFiles(2), clock)) {
            for (int i = 0; i < 200; i++) {
                journal.appendDurable(JournalRecord.of(clock.instant(), JournalRecord.Kind.EVENT, null,
                        Map.of("n", i)));
            }
        }
        assertThat(JournalFiles.rotatedFiles(tmp)).hasSize(2);
    }
}
