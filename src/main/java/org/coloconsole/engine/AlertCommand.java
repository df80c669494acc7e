package org.coloconsole.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.coloconsole.colo.Alert;
import org.coloconsole.journal.AlertEventJson;

/**
 * A profile's alert command, run as Pacemaker runs its alert agents: one process per alert, the event as one JSON
 * object on its standard input (written by the storage layer's {@link AlertEventJson}, as the journal's records) (and the main facts in {@code COLO_ALERT_*} variables for a shell script), killed when
 * it overruns its timeout. The program is run directly, never through a shell.
 *
 * @param program the executable
 * @param timeout how long it may run before it is killed
 */
public record AlertCommand(Path program, Duration timeout) {
    /** Pacemaker's default for an alert agent. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** How much of what the command writes is kept for the journal. */
    static final int KEPT_OUTPUT = 1000;

    public AlertCommand {
        Objects.requireNonNull(program, "program");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("an alert command's timeout must be positive: " + timeout);
        }
    }

    /** How one run ended. */
    public enum Outcome {
        SUCCEEDED, FAILED, TIMED_OUT, CANNOT_RUN
    }

    /**
     * @param exitCode the command's exit code, when it exited by itself
     * @param output   the start of what it wrote (stdout and stderr together), for the journal
     */
    public record Result(Outcome outcome, OptionalInt exitCode, String output, String sentence) {
    }

    /** Runs the command for {@code alert} and waits for it (at most the timeout, plus the kill). Never throws. */
    public Result run(Alert alert, String pairName) {
        ProcessBuilder pb = new ProcessBuilder(List.of(program.toString())).redirectErrorStream(true);
        pb.environment().put("COLO_ALERT_KIND", alert.kind().wireName());
        pb.environment().put("COLO_ALERT_PAIR", pairName);
        pb.environment().put("COLO_ALERT_SIDE", alert.side().map(s -> s.label()).orElse(""));
        pb.environment().put("COLO_ALERT_TITLE", alert.title());
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            return new Result(Outcome.CANNOT_RUN, OptionalInt.empty(), "",
                    "The alert command " + program + " cannot run: " + e.getMessage() + ".");
        }
        OutputTail tail = OutputTail.drain(process.getInputStream());
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write((AlertEventJson.of(alert, pairName) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // the command need not read its input: a closed pipe is not a failure
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
                return new Result(Outcome.TIMED_OUT, OptionalInt.empty(), tail.text(), "The alert command " + program
                        + " did not finish within " + timeout.toMillis() + " ms and was killed.");
            }
            int code = process.exitValue();
            String output = tail.text();
            return code == 0
                    ? new Result(Outcome.SUCCEEDED, OptionalInt.of(code), output, "The alert command " + program
                    + " ran (exit 0).")
                    : new Result(Outcome.FAILED, OptionalInt.of(code), output, "The alert command " + program
                    + " failed (exit " + code + ")" + (output.isEmpty() ? "." : ": " + firstLine(output)));
        } catch (InterruptedException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return new Result(Outcome.TIMED_OUT, OptionalInt.empty(), tail.text(),
                    "The alert command " + program + " was killed: the console is closing.");
        }
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    /** Reads a process's output to its end on its own thread, keeping only the start. */
    private static final class OutputTail {
        private final StringBuilder kept = new StringBuilder();
        private final Thread reader;

        private OutputTail(InputStream in) {
            reader = new Thread(() -> read(in), "alert-command-output");
            reader.setDaemon(true);
        }

        static OutputTail drain(InputStream in) {
            OutputTail tail = new OutputTail(in);
            tail.reader.start();
            return tail;
        }

        private void read(InputStream in) {
            byte[] buffer = new byte[4096];
            try (in) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    synchronized (kept) {
                        if (kept.length() < KEPT_OUTPUT) {
                            String s = new String(buffer, 0, n, StandardCharsets.UTF_8);
                            kept.append(s, 0, Math.min(s.length(), KEPT_OUTPUT - kept.length()));
                        }
                    }
                }
            } catch (IOException e) {
                // the process was killed: what was read so far is kept
            }
        }

        String text() {
            try {
                reader.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (kept) {
                return kept.toString().strip();
            }
        }
    }
}
