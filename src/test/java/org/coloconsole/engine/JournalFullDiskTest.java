package org.coloconsole.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.coloconsole.colo.Side;
import org.coloconsole.journal.JournalReader;
import org.coloconsole.journal.JournalRecord;
import org.coloconsole.testing.Needs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real full disk: a 1 MiB tmpfs the test mounts (root only; a fault-injecting seam would only test the seam, and
 * {@code ulimit -f} raises SIGXFSZ/EFBIG rather than the ENOSPC an operator's disk gives). While it is full the
 * journal says so ({@link JournalAuditTrail#health()}, which the status bar and the CLI's stderr show) and refuses
 * actions with a sentence; once space returns it writes again on its own, with no torn or doubled line.
 */
class JournalFullDiskTest {
    @TempDir
    Path dir;
    private Path mount;

    @BeforeEach
    void mountASmallDisk() throws Exception {
        mount = dir.resolve("disk");
        Files.createDirectories(mount);
        Needs.satisfied(run("mount", "-t", "tmpfs", "-o", "size=1m,mode=0700", "tmpfs", mount.toString())
                .map(why -> "cannot mount a small tmpfs for a real full disk (needs root): " + why));
    }

    @AfterEach
    void unmount() throws Exception {
        if (mount != null) {
            run("umount", "-l", mount.toString());
        }
    }

    @Test
    void aFullDiskShowsAsFailingRefusesActionsAndWritesAgainOnceSpaceReturns() throws Exception {
        Path filler = mount.resolve("filler");
        try (JournalAuditTrail trail = JournalAuditTrail.open(mount.resolve("journal"))) {
            trail.durable(AuditKind.ACTION_INTENT, Side.SECONDARY, Instant.now(), Map.of("action", "before"));
            assertThat(trail.health().failing()).isFalse();
            fill(filler);

            // larger than the page the journal's file already holds, so it needs blocks the disk no longer has
            assertThatThrownBy(() -> trail.durable(AuditKind.ACTION_INTENT, Side.SECONDARY, Instant.now(),
                    Map.of("action", "while full", "note", "x".repeat(12_000))))
                    .isInstanceOf(IOException.class).hasMessageContaining("No space left on device")
                    .hasMessageContaining("free some space");
            JournalHealth full = trail.health();
            assertThat(full.failing()).isTrue();
            assertThat(full.sentence()).contains("cannot be written (No space left on device)")
                    .contains("refused until it can");
            // events meanwhile are counted, never block
            trail.record(AuditKind.STATE, Side.PRIMARY, Instant.now(), Map.of("field", "x"));

            Files.delete(filler);
            await("the journal writes again").atMost(Duration.ofSeconds(20))
                    .until(() -> !trail.health().failing());
            trail.durable(AuditKind.ACTION_INTENT, Side.SECONDARY, Instant.now(), Map.of("action", "after"));
        }
        List<JournalRecord> read = new ArrayList<>();
        try (JournalReader reader = JournalReader.openDirectory(mount.resolve("journal"))) {
            for (Iterator<JournalRecord> it = reader; it.hasNext(); ) {
                read.add(it.next());
            }
            assertThat(reader.skippedLines()).as(String.join("\n", reader.problems())).isZero();
            assertThat(reader.tornTail()).isFalse();
        }
        List<Object> actions = read.stream().filter(r -> r.kind() == JournalRecord.Kind.ACTION_INTENT)
                .map(r -> r.fields().get("action")).toList();
        assertThat(actions).as("each line once; the refused one is written late, and a note says it was not done")
                .containsExactly("before", "while full", "after");
        assertThat(read).anyMatch(r -> r.kind() == JournalRecord.Kind.NOTE
                && String.valueOf(r.fields().get("text")).contains("refused while the journal could not be written"));
    }

    /** Writes until the disk is full: ENOSPC, as a real disk gives it. */
    private static void fill(Path filler) {
        byte[] chunk = new byte[4096];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(chunk);
            }
        } catch (IOException full) {
            // the disk is full
        }
    }

    private static Optional<String> run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return Optional.of(String.join(" ", command) + " did not finish");
        }
        return process.exitValue() == 0 ? Optional.empty() : Optional.of(output.strip());
    }
}
