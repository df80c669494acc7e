package org.coloconsole.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.coloconsole.colo.FenceAction;
import org.coloconsole.colo.FenceOutcome;
import org.coloconsole.colo.Side;

/**
 * Runs a fence action ({@link FenceSpec}) and says what it did: its options on standard input, its exit code, its
 * output (bounded), and — when it outlives its timeout — its whole process group killed. The intent is on disk before
 * the agent starts and the outcome after it ends. Blocks its caller: run it off the FX thread and the state thread.
 */
public final class FenceRunner {
    /** Enough for an agent's error message; an agent that prints more is cut, and the cut is said. */
    static final int OUTPUT_LIMIT = 4096;
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private final AuditTrail trail;
    private final Clock clock;
    private final MonotonicClock monotonic;

    public FenceRunner(AuditTrail trail, Clock clock, MonotonicClock monotonic) {
        this.trail = trail;
        this.clock = clock;
        this.monotonic = monotonic;
    }

    /** What a run gives back: the domain's outcome and how long the agent took (monotonic). */
    public record Run(FenceOutcome outcome, Duration took, String output) {
    }

    public Run run(Side side, FenceSpec spec, FenceAction action) throws InterruptedException {
        Map<String, Object> intent = new LinkedHashMap<>();
        intent.put("action", "fence " + action.wire());
        intent.put("command", spec.command());
        intent.put("options", spec.redactedOptions());
        intent.put("timeout-ms", spec.timeout().toMillis());
        try {
            trail.durable(AuditKind.FENCE_INTENT, side, clock.instant(), intent);
        } catch (IOException e) {
            return finish(side, action, FenceOutcome.Result.FAILED, Optional.empty(), "the intent could not be "
                    + "written to the journal (" + e.getMessage() + "); the fence did not run", "", 0);
        }
        long started = monotonic.nanos();
        List<String> argv = new ArrayList<>();
        // its own session and process group, so a timeout kills whatever the agent started too
        if (Files.isExecutable(SETSID)) {
            argv.add(SETSID.toString());
        }
        argv.addAll(spec.command());
        Process process;
        try {
            process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        } catch (IOException e) {
            return finish(side, action, FenceOutcome.Result.FAILED, Optional.empty(), String.join(" ", spec.command())
                    + " could not be started: " + e.getMessage(), "", monotonic.nanos() - started);
        }
        BoundedOutput output = new BoundedOutput(process.getInputStream());
        Thread reader = new Thread(output, "fence-output-" + side.label());
        reader.setDaemon(true);
        reader.start();
        try (OutputStream stdin = process.getOutputStream()) {
            StringBuilder lines = new StringBuilder();
            spec.options().forEach((k, v) -> lines.append(k).append('=').append(v).append('\n'));
            lines.append("action=").append(action.wire()).append('\n');
            stdin.write(lines.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // an agent that exits without reading its options: its exit code still decides
        }
        String name = Path.of(spec.command().get(0)).getFileName() + " " + action.wire();
        boolean ended;
        try {
            ended = process.waitFor(spec.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            killGroup(process);
            throw e;
        }
        if (!ended) {
            killGroup(process);
            reader.join(500);
            return finish(side, action, FenceOutcome.Result.TIMED_OUT, Optional.empty(), name + " did not finish "
                    + "within " + spec.timeout().toMillis() + " ms; its process group was killed",
                    output.text(), monotonic.nanos() - started);
        }
        long took = monotonic.nanos() - started;
        reader.join(500);
        int code = process.exitValue();
        String said = output.text().strip();
        String lastLine = said.isEmpty() ? "" : said.substring(said.lastIndexOf('\n') + 1);
        return finish(side, action, code == 0 ? FenceOutcome.Result.SUCCEEDED : FenceOutcome.Result.FAILED,
                Optional.of(code), name + " exited " + code + (lastLine.isEmpty() ? "" : " (\"" + lastLine + "\")"),
                output.text(), took);
    }

    private Run finish(Side side, FenceAction action, FenceOutcome.Result result, Optional<Integer> code,
                       String sentence, String output, long tookNanos) {
        FenceOutcome outcome = new FenceOutcome(side, action, result, code, clock.instant(), sentence);
        Duration took = Duration.ofNanos(tookNanos);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("action", "fence " + action.wire());
        fields.put("result", result.name());
        code.ifPresent(c -> fields.put("exit-code", c));
        fields.put("sentence", sentence);
        fields.put("output", output);
        fields.put("ms", took.toNanos() / 1e6);
        try {
            trail.durable(AuditKind.FENCE_OUTCOME, side, outcome.at(), fields);
        } catch (IOException e) {
            trail.record(AuditKind.FENCE_OUTCOME, side, outcome.at(), fields);
        }
        return new Run(outcome, took, output);
    }

    /** SIGKILL to the agent's process group (its pid: setsid made it the leader), then to anything left of it. */
    private static void killGroup(Process process) {
        long pid = process.pid();
        try {
            Process kill = new ProcessBuilder("kill", "-KILL", "--", "-" + pid).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            kill.waitFor(2, TimeUnit.SECONDS);
        } catch (IOException e) {
            // no kill(1): the handles below still end the agent and its children
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** Keeps the first {@link #OUTPUT_LIMIT} bytes and counts the rest, draining the pipe so the agent never blocks. */
    private static final class BoundedOutput implements Runnable {
        private final InputStream in;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private long dropped;

        BoundedOutput(InputStream in) {
            this.in = in;
        }

        @Override
        public void run() {
            byte[] buffer = new byte[1024];
            try (in) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    synchronized (this) {
                        int keep = Math.max(0, Math.min(n, OUTPUT_LIMIT - kept.size()));
                        kept.write(buffer, 0, keep);
                        dropped += n - keep;
                    }
                }
            } catch (IOException e) {
                // the process was killed: what was read is kept
            }
        }

        synchronized String text() {
            String text = kept.toString(StandardCharsets.UTF_8);
            return dropped == 0 ? text : text + "\n… (" + dropped + " more bytes not kept)";
        }
    }
}
