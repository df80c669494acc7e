package org.coloconsole.app.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Finds and signals the lab's QEMU processes by pid. A pid from a state file may have been reused by an unrelated
 * process, so every signal is preceded by a check of {@code /proc/PID/cmdline}.
 */
final class LabProcesses {
    private LabProcesses() {
    }

    /**
     * Whether {@code pid} is a live QEMU whose program is named like {@code qemuBinary} and whose arguments mention
     * {@code runDir} (a zombie has an empty cmdline and does not count).
     */
    static boolean isLabQemu(long pid, String qemuBinary, Path runDir) {
        Optional<List<String>> args = commandLine(pid);
        if (args.isEmpty() || args.get().isEmpty()) {
            return false;
        }
        String program = Path.of(args.get().get(0)).getFileName().toString();
        String expected = Path.of(qemuBinary).getFileName().toString();
        if (!program.equals(expected)) {
            return false;
        }
        String dir = runDir.toAbsolutePath().toString();
        for (String arg : args.get()) {
            if (arg.contains(dir)) {
                return true;
            }
        }
        return false;
    }

    static Optional<List<String>> commandLine(long pid) {
        byte[] raw;
        try {
            raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
        } catch (IOException e) {
            return Optional.empty();
        }
        List<String> args = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == 0) {
                args.add(new String(raw, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        if (start < raw.length) {
            args.add(new String(raw, start, raw.length - start, StandardCharsets.UTF_8));
        }
        return Optional.of(args);
    }

    /** Sends {@code signal} with kill(1): Java itself can send only TERM and KILL. */
    static void signal(long pid, LabSignal signal) {
        ProcessBuilder kill = new ProcessBuilder("kill", "-" + signal.name(), Long.toString(pid))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        try {
            Process process = kill.start();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new LabException("kill -" + signal.name() + " " + pid + " did not finish within 5 s");
            }
            if (process.exitValue() != 0) {
                throw new LabException("kill -" + signal.name() + " " + pid + " failed (exit status "
                        + process.exitValue() + "); the process may already be gone");
            }
        } catch (IOException e) {
            throw new LabException("cannot run kill to send " + signal.name() + " to " + pid + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while sending " + signal.name() + " to " + pid, e);
        }
    }

    /**
     * SIGTERM to every pid that still is one of the lab's QEMUs (plus SIGCONT, so a stopped one acts on it), then
     * SIGKILL to those still there after {@code grace}. Returns the pids that had to be killed.
     */
    static List<Long> terminate(Collection<Long> pids, String qemuBinary, Path runDir, Duration grace) {
        List<Long> ours = new ArrayList<>();
        for (long pid : pids) {
            if (isLabQemu(pid, qemuBinary, runDir)) {
                ours.add(pid);
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
                quietly(pid, LabSignal.CONT);
            }
        }
        long deadline = System.nanoTime() + grace.toNanos();
        List<Long> killed = new ArrayList<>();
        for (long pid : ours) {
            // an exiting process already reads an empty cmdline: wait until the pid is really gone
            while (isAlive(pid) && System.nanoTime() < deadline) {
                pause(10);
            }
            if (isAlive(pid) && isLabQemu(pid, qemuBinary, runDir)) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                killed.add(pid);
            }
        }
        long killDeadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        for (long pid : killed) {
            while (isAlive(pid) && System.nanoTime() < killDeadline) {
                pause(10);
            }
            if (isLabQemu(pid, qemuBinary, runDir)) {
                throw new LabException("QEMU process " + pid + " survived SIGKILL; check it with: ps -p " + pid);
            }
        }
        return killed;
    }

    /**
     * Still running. A zombie counts as gone: a QEMU orphaned by {@code lab start} exits within milliseconds of
     * SIGTERM but is reaped by PID 1, which in some containers takes 1-2 s.
     */
    static boolean isAlive(long pid) {
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8);
            int end = stat.lastIndexOf(')');
            char state = end >= 0 && end + 2 < stat.length() ? stat.charAt(end + 2) : '?';
            return state != 'Z' && state != 'X';
        } catch (IOException e) {
            return false;
        }
    }

    private static void quietly(long pid, LabSignal signal) {
        try {
            signal(pid, signal);
        } catch (LabException e) {
            // it exited between the check and the signal: nothing left to wake
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while waiting for the lab's QEMU processes to exit", e);
        }
    }
}
