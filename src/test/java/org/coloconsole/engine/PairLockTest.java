package org.coloconsole.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.coloconsole.colo.Claim;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** This host's lock on a pair, between two OS processes: the second is refused at once, by name; never left waiting. */
class PairLockTest {
    @TempDir
    Path tmp;

    private final Claim me = new Claim("lock-host", "parent", ProcessHandle.current().pid(), "t", "parent");
    private final PairLocks locks = new PairLocks();

    @Test
    void aSecondProcessIsRefusedByNameWhileTheFirstHoldsThePairAndTakesItAfter() throws Exception {
        Path file = PairLock.fileFor(tmp.resolve("locks"), "unix:/run/a.sock", "unix:/run/b.sock");
        Process child = new ProcessBuilder(java(), "-cp", classpath(), PairLockChild.class.getName(),
                file.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("LOCKED");

            PairLock.Attempt refused = locks.tryAcquire(file, me);

            assertThat(refused.lock()).isEmpty();
            assertThat(refused.refusal()).startsWith("This pair is locked on this host by console pid "
                    + child.pid() + " of child on lock-host");
            child.getOutputStream().close();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        PairLock.Attempt after = locks.tryAcquire(file, me);
        assertThat(after.lock()).isPresent();
        after.lock().get().close();
    }

    @Test
    void aCrashedHolderLeavesNoLockBehind() throws Exception {
        Path file = PairLock.fileFor(tmp.resolve("locks"), "tcp:127.0.0.1:1", "tcp:127.0.0.1:2");
        Process child = new ProcessBuilder(java(), "-cp", classpath(), PairLockChild.class.getName(),
                file.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("LOCKED");
            child.destroyForcibly(); // SIGKILL while it holds the lock
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }

        PairLock.Attempt after = locks.tryAcquire(file, me);

        assertThat(after.lock()).as(after.refusal()).isPresent();
        after.lock().get().close();
    }

    @Test
    void bothOrdersOfThePairsMonitorsShareOneLock() {
        Path dir = tmp.resolve("locks");

        assertThat(PairLock.fileFor(dir, "unix:/a", "unix:/b")).isEqualTo(PairLock.fileFor(dir, "unix:/b", "unix:/a"));
        assertThat(PairLock.fileFor(dir, "unix:/a", "unix:/b")).isNotEqualTo(PairLock.fileFor(dir, "unix:/a",
                "unix:/c"));
    }

    @Test
    void aSecondRunbookInTheSameProcessIsRefusedToo() {
        Path file = PairLock.fileFor(tmp.resolve("locks"), "unix:/a", "unix:/b");
        PairLock.Attempt first = locks.tryAcquire(file, me);
        try {
            PairLock.Attempt second = locks.tryAcquire(file, me);

            assertThat(second.lock()).isEmpty();
            assertThat(second.refusal()).contains(me.holder());
        } finally {
            first.lock().ifPresent(PairLock::close);
        }
    }

    @Test
    void aRefusedSecondRunbookInTheSameProcessLeavesTheFirstsLockHeldAgainstOtherProcesses() throws Exception {
        Path file = PairLock.fileFor(tmp.resolve("locks"), "unix:/c", "unix:/d");
        PairLock.Attempt first = locks.tryAcquire(file, me);
        try {
            assertThat(locks.tryAcquire(file, me).lock()).isEmpty();

            // the kernel's lock is the process's: had the refusal opened and closed the file, it would be gone now
            assertThat(childSays(file)).startsWith("REFUSED This pair is locked on this host by console pid "
                    + ProcessHandle.current().pid() + " of parent on lock-host");
        } finally {
            first.lock().ifPresent(PairLock::close);
        }
        assertThat(childSays(file)).isEqualTo("LOCKED");
    }

    private static String childSays(Path file) throws Exception {
        Process child = new ProcessBuilder(java(), "-cp", classpath(), PairLockChild.class.getName(),
                file.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line = out.readLine();
            child.getOutputStream().close();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            return line;
        } finally {
            child.destroyForcibly();
        }
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Surefire may put the code on the module path or the class path; a child takes all of it as a class path. */
    static String classpath() {
        Set<String> parts = new LinkedHashSet<>();
        parts.add(Path.of("target", "test-classes").toAbsolutePath().toString());
        parts.add(Path.of("target", "classes").toAbsolutePath().toString());
        for (String property : List.of("jdk.module.path", "java.class.path")) {
            String value = System.getProperty(property);
            if (value != null && !value.isBlank()) {
                parts.addAll(new ArrayList<>(List.of(value.split(java.io.File.pathSeparator))));
            }
        }
        return String.join(java.io.File.pathSeparator, parts);
    }
}
