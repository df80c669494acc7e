package org.coloconsole.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.coloconsole.app.lab.LabGuest;
import org.coloconsole.app.lab.TcgWaitShim;
import org.coloconsole.colo.ProbeResult;
import org.coloconsole.colo.Side;
import org.coloconsole.engine.ProbeRunner;
import org.coloconsole.qmp.Endpoint;
import org.coloconsole.qmp.QmpClient;
import org.coloconsole.qmp.QmpClientOptions;
import org.coloconsole.qmp.QmpConnectException;
import org.coloconsole.qmp.QmpException;
import org.coloconsole.qmp.QmpValue;

/**
 * A full COLO pair started outside the console with the names of QEMU's guide ({@code guide-pair/start.sh}, from
 * docs/colo-full-pair.md): the scripts start both QEMUs, this class sends the guide's QMP bring-up over the spare
 * monitors, waits for both COLO modes, and can wait for a side's guest to serve. {@link #close()} kills both and
 * removes the run directory.
 */
public final class GuidePair implements AutoCloseable {
    /** Guest answers come 14–31 s after COLO is up under TCG on an idle machine (docs/colo-full-pair.md); far later on a loaded one. */
    public static final Duration SERVICE_TIMEOUT = LabTiming.bound(Duration.ofSeconds(60));
    private static final Duration START_TIMEOUT = LabTiming.bound(Duration.ofSeconds(20));

    private final Path dir;
    private final Map<String, String> facts;

    private GuidePair(Path dir, Map<String, String> facts) {
        this.dir = dir;
        this.facts = facts;
    }

    /** Starts the pair and brings COLO up with checkpoints every {@code checkpointDelay}. */
    public static GuidePair start(Duration checkpointDelay) throws IOException {
        LabGuest guest = LabGuest.ensure(LabGuest.defaultCache(System.getenv()));
        // short: UNIX socket paths must fit in 108 bytes
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "guide");
        GuidePair pair = null;
        try {
            Path start = copyScript(dir, "start.sh");
            copyScript(dir, "stop.sh");
            Path run = Files.createDirectory(dir.resolve("run"));
            Path shim = TcgWaitShim.installInto(dir);
            Process script = new ProcessBuilder("bash", start.toString(), run.toString(), guest.kernel().toString(),
                    guest.initramfs().toString(), shim.toString()).redirectErrorStream(true).start();
            String out = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!script.waitFor(30, TimeUnit.SECONDS) || script.exitValue() != 0) {
                throw new IOException("guide-pair/start.sh failed: " + out);
            }
            Map<String, String> facts = new LinkedHashMap<>();
            for (String line : out.split("\n")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    facts.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
                }
            }
            pair = new GuidePair(dir, facts);
            pair.bringUp(checkpointDelay);
            return pair;
        } catch (IOException | RuntimeException e) {
            if (pair != null) {
                pair.close();
            } else {
                stopQuietly(dir);
            }
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopQuietly(dir);
            throw new IOException("interrupted while starting the guide pair", e);
        }
    }

    /** The monitor the console uses. */
    public Endpoint consoleEndpoint(Side side) {
        return unix(facts.get(key(side) + "-qmp"));
    }

    /** The other monitor of that QEMU, for a test's own questions. */
    public Endpoint spareEndpoint(Side side) {
        return unix(facts.get(key(side) + "-spare"));
    }

    /** The host port forwarded to that side's guest port 80. */
    public int servicePort(Side side) {
        return Integer.parseInt(facts.get(key(side) + "-http"));
    }

    public URI statusUri(Side side) {
        return URI.create("http://127.0.0.1:" + servicePort(side) + LabGuest.STATUS_PATH);
    }

    public long pid(Side side) {
        return Long.parseLong(facts.get(key(side) + "-pid"));
    }

    public int nbdPort() {
        return Integer.parseInt(facts.get("nbd-port"));
    }

    public String accelerator() {
        return facts.get("accel");
    }

    public boolean alive(Side side) {
        return ProcessHandle.of(pid(side)).map(ProcessHandle::isAlive).orElse(false);
    }

    /** SIGKILL, and waits until the process is gone. */
    public void kill(Side side) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid(side));
        if (handle.isEmpty()) {
            return;
        }
        handle.get().destroyForcibly();
        try {
            handle.get().onExit().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the " + side.label() + " QEMU did not die within 10 s of SIGKILL", e);
        }
    }

    /** One command over the side's spare monitor. */
    public QmpValue query(Side side, String command, Map<String, ?> arguments) {
        try (QmpClient client = connected(side)) {
            return call(client, side, command, arguments);
        }
    }

    /** The body of the side's {@code GET /cgi-bin/status}, or empty when it does not answer 200 now. */
    public Optional<String> status(Side side) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", servicePort(side)), 5000);
            // in COLO, colo-compare holds an answer until the secondary's matches or its 3 s timeout forces a checkpoint
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write(("GET " + LabGuest.STATUS_PATH + " HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!response.startsWith("HTTP/1.") || response.length() < 12 || !response.substring(9, 12).equals("200")) {
                return Optional.empty();
            }
            return Optional.of(ProbeRunner.body(response));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The {@code disk N} line of a status body. */
    public static OptionalLong disk(String body) {
        return ProbeResult.diskLine(body);
    }

    /** Waits until the side's guest answers; returns the body. */
    public String awaitService(Side side, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<String> body = status(side);
            if (body.isPresent()) {
                return body.get();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the " + side.label() + "'s guest did not answer at " + statusUri(side) + " within "
                + timeout.toSeconds() + " s; " + stderrTail(side));
    }

    /** The last lines of the side's QEMU stderr and serial console, for a failure message. */
    public String stderrTail(Side side) {
        return tail(dir.resolve("run").resolve(key(side) + "-stderr.log")) + " / serial: "
                + tail(dir.resolve("run").resolve(key(side) + "-serial.log"));
    }

    @Override
    public void close() {
        stopQuietly(dir);
    }

    private void bringUp(Duration checkpointDelay) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        try (QmpClient sec = connect(Side.SECONDARY, deadline); QmpClient pri = connect(Side.PRIMARY, deadline)) {
            call(sec, Side.SECONDARY, "migrate-set-capabilities", capabilities());
            call(sec, Side.SECONDARY, "nbd-server-start", Map.of("addr", Map.of("type", "inet",
                    "data", Map.of("host", "127.0.0.1", "port", String.valueOf(nbdPort())))));
            call(sec, Side.SECONDARY, "nbd-server-add", Map.of("device", "parent0", "writable", true));
            call(pri, Side.PRIMARY, "human-monitor-command", Map.of("command-line", "drive_add -n buddy "
                    + "driver=replication,mode=primary,file.driver=nbd,file.host=127.0.0.1,file.port=" + nbdPort()
                    + ",file.export=parent0,node-name=replication0"));
            call(pri, Side.PRIMARY, "x-blockdev-change", Map.of("parent", "colo-disk0", "node", "replication0"));
            call(pri, Side.PRIMARY, "migrate-set-capabilities", capabilities());
            call(pri, Side.PRIMARY, "migrate-set-parameters", Map.of("x-checkpoint-delay", checkpointDelay.toMillis()));
            call(pri, Side.PRIMARY, "migrate", Map.of("uri", facts.get("incoming")));
            while (true) {
                String p = call(pri, Side.PRIMARY, "query-colo-status", Map.of()).string("mode").orElse("?");
                String s = call(sec, Side.SECONDARY, "query-colo-status", Map.of()).string("mode").orElse("?");
                if (p.equals("primary") && s.equals("secondary")) {
                    return;
                }
                String migration = call(pri, Side.PRIMARY, "query-migrate", Map.of()).string("status").orElse("?");
                if (migration.equals("failed") || System.nanoTime() > deadline) {
                    throw new IllegalStateException("COLO did not come up (primary mode " + p + ", secondary " + s
                            + ", migration " + migration + "): " + stderrTail(Side.PRIMARY) + " | "
                            + stderrTail(Side.SECONDARY));
                }
                Thread.sleep(25);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while bringing COLO up", e);
        }
    }

    private static Map<String, Object> capabilities() {
        return Map.of("capabilities", List.of(Map.of("capability", "x-colo", "state", true),
                Map.of("capability", "events", "state", true)));
    }

    private QmpClient connected(Side side) {
        return connect(side, System.nanoTime() + START_TIMEOUT.toNanos());
    }

    private QmpClient connect(Side side, long deadline) {
        QmpClient client = new QmpClient(QmpClientOptions.defaults("guide-" + side.label()));
        while (true) {
            try {
                client.connect(spareEndpoint(side));
                return client;
            } catch (QmpConnectException e) {
                if (!alive(side) || System.nanoTime() > deadline) {
                    client.close();
                    throw new IllegalStateException("the " + side.label() + "'s spare monitor does not answer ("
                            + e.getMessage() + "): " + stderrTail(side), e);
                }
            } catch (QmpException e) {
                client.close();
                throw new IllegalStateException("the " + side.label() + "'s spare monitor failed: " + e, e);
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                client.close();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    private QmpValue call(QmpClient client, Side side, String command, Map<String, ?> arguments) {
        try {
            return client.execute(command, arguments, Duration.ofSeconds(10)).get(11, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the " + side.label() + " answered " + command + " with "
                    + (e.getCause() == null ? e : e.getCause()) + "; " + stderrTail(side), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static Endpoint unix(String text) {
        return new Endpoint.Unix(Path.of(text.substring("unix:".length())));
    }

    private static String key(Side side) {
        return side == Side.PRIMARY ? "primary" : "secondary";
    }

    private static Path copyScript(Path dir, String name) throws IOException {
        Path target = dir.resolve(name);
        try (InputStream in = GuidePair.class.getResourceAsStream("/guide-pair/" + name)) {
            if (in != null) {
                Files.write(target, in.readAllBytes());
                return target;
            }
        }
        Files.copy(Path.of("src/test/resources/guide-pair", name), target);
        return target;
    }

    private static void stopQuietly(Path dir) {
        try {
            Path stop = dir.resolve("stop.sh");
            if (Files.exists(stop)) {
                new ProcessBuilder("bash", stop.toString(), dir.resolve("run").toString()).inheritIO().start()
                        .waitFor(30, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            // the directory is removed below either way
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a temp directory
        }
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 5), lines.size())).strip();
        } catch (IOException e) {
            return "(no " + file.getFileName() + ")";
        }
    }
}
