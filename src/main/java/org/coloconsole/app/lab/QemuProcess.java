package org.coloconsole.app.lab;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One QEMU the lab started, with its stdout and stderr in {@code RUN/SIDE-stderr.log}. */
final class QemuProcess {
    private final LabSide side;
    private final Process process;
    private final Path log;

    private QemuProcess(LabSide side, Process process, Path log) {
        this.side = side;
        this.process = process;
        this.log = log;
    }

    static QemuProcess start(LabSide side, List<String> commandLine, Map<String, String> environment, Path runDir) {
        return launch(side, commandLine, environment, runDir, false);
    }

    /** As {@link #start}, keeping what the process before it wrote to the log. */
    static QemuProcess restart(LabSide side, List<String> commandLine, Map<String, String> environment,
                               Path runDir) {
        return launch(side, commandLine, environment, runDir, true);
    }

    private static QemuProcess launch(LabSide side, List<String> commandLine, Map<String, String> environment,
                                      Path runDir, boolean append) {
        Path log = runDir.resolve(side.label() + "-stderr.log");
        ProcessBuilder builder = new ProcessBuilder(commandLine)
                .directory(runDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(append ? ProcessBuilder.Redirect.appendTo(log.toFile())
                        : ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().putAll(environment);
        try {
            return new QemuProcess(side, builder.start(), log);
        } catch (IOException e) {
            throw new LabException("cannot start the " + side.label() + " QEMU (" + commandLine.get(0) + "): "
                    + e.getMessage(), e);
        }
    }

    LabSide side() {
        return side;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
        return process.waitFor(timeout, unit);
    }

    /** The exit status, once it has exited. */
    int exitValue() {
        return process.exitValue();
    }

    /** The last lines QEMU wrote to stderr, for error messages: QEMU says there why it would not start. */
    String stderrTail(int maxLines) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            List<String> tail = lines.subList(Math.max(0, lines.size() - maxLines), lines.size());
            return String.join("\n", tail).strip();
        } catch (IOException e) {
            return "";
        }
    }

    /** This process ended while it was starting: why, in QEMU's words, typed where the lab can act on it. */
    LabException exitedAtStart() {
        return new LabException(describeFailure(), null, LabException.fromQemuText(stderrTail(5)));
    }

    /** "the primary QEMU exited with status 1: <stderr tail>", or what is known while it still runs. */
    String describeFailure() {
        String tail = stderrTail(5);
        String what = isAlive() ? "the " + side.label() + " QEMU (pid " + pid() + ")"
                : "the " + side.label() + " QEMU exited with status " + exitValue();
        return tail.isEmpty() ? what : what + "; its stderr ends with: " + tail;
    }
}
