package org.coloconsole.testing;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.coloconsole.app.lab.Accelerator;
import org.coloconsole.app.lab.TcgWaitShim;
import org.coloconsole.qmp.Endpoint;
import org.coloconsole.qmp.QmpClient;
import org.coloconsole.qmp.QmpClientOptions;
import org.coloconsole.qmp.QmpException;
import org.coloconsole.qmp.QmpValue;

/**
 * A real COLO pair (the minimal pair of docs/colo-behaviour.md; on TCG with the lab's workaround) whose secondary
 * runs inside a {@link NetworkNamespace}: its console monitor listens on the namespace end of link 0 (the console's
 * link), its {@code -incoming} on the
 * namespace end of link 1 (replication). So the console's path to the secondary can be cut alone, or together with
 * replication. The primary runs on loopback. Both QEMUs have a spare harness monitor on a UNIX socket, which
 * works across network namespaces, for reading the truth while a link is cut.
 */
public final class NamespacedColoPair implements AutoCloseable {
    public static final int CONSOLE_LINK = 0;
    public static final int REPLICATION_LINK = 1;
    private static final int SECONDARY_CONSOLE_PORT = 4445;
    private static final int INCOMING_PORT = 9998;

    private final NetworkNamespace namespace;
    private final Path dir;
    private static final String ACCEL = Accelerator.detect(Path.of("/dev/kvm")) == Accelerator.KVM ? "kvm" : "tcg";
    private final List<Process> processes = new ArrayList<>();
    private Endpoint primaryConsole;

    private NamespacedColoPair(NetworkNamespace namespace, Path dir) {
        this.namespace = namespace;
        this.dir = dir;
    }

    /** Starts both QEMUs and brings COLO up, bounded by {@code timeout}; stops everything it started on failure. */
    public static NamespacedColoPair start(Duration checkpointDelay, Duration timeout) throws IOException {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "colons");
        NamespacedColoPair pair;
        try {
            pair = new NamespacedColoPair(NetworkNamespace.create(2), dir);
        } catch (IOException | RuntimeException e) {
            QemuMonitorProcess.deleteQuietly(dir);
            throw e;
        }
        try {
            pair.launch(checkpointDelay, System.nanoTime() + timeout.toNanos());
            return pair;
        } catch (IOException | RuntimeException e) {
            pair.close();
            throw e;
        }
    }

    public NetworkNamespace namespace() {
        return namespace;
    }

    public Endpoint primaryConsole() {
        return primaryConsole;
    }

    /** Not loopback: the console needs allow-insecure for it. */
    public Endpoint secondaryConsole() {
        return new Endpoint.Tcp(namespace.link(CONSOLE_LINK).namespaceAddress(), SECONDARY_CONSOLE_PORT);
    }

    public Endpoint primaryHarness() {
        return new Endpoint.Unix(dir.resolve("primary-harness.sock"));
    }

    public Endpoint secondaryHarness() {
        return new Endpoint.Unix(dir.resolve("secondary-harness.sock"));
    }

    /** Both QEMUs still run (a partition must not have ended either). */
    public boolean bothAlive() {
        return processes.stream().allMatch(Process::isAlive);
    }

    private void launch(Duration checkpointDelay, long deadline) throws IOException {
        int primaryPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            primaryPort = probe.getLocalPort();
        }
        primaryConsole = new Endpoint.Tcp("127.0.0.1", primaryPort);
        Endpoint incoming = new Endpoint.Tcp(namespace.link(REPLICATION_LINK).namespaceAddress(), INCOMING_PORT);
        List<String> secondary = commandLine("secondary", secondaryConsole(), secondaryHarness());
        secondary.add("-incoming");
        secondary.add(incoming.text());
        start("secondary", namespace.inside(secondary));
        List<String> primary = commandLine("primary", primaryConsole, primaryHarness());
        primary.add("-S");
        start("primary", primary);
        try (QmpClient sec = connect(secondaryHarness(), deadline);
             QmpClient pri = connect(primaryHarness(), deadline)) {
            call(sec, "migrate-set-capabilities", Map.of("capabilities", List.of(capability("events"))));
            call(pri, "migrate-set-capabilities",
                    Map.of("capabilities", List.of(capability("x-colo"), capability("events"))));
            call(pri, "migrate-set-parameters", Map.of("x-checkpoint-delay", checkpointDelay.toMillis()));
            call(pri, "migrate", Map.of("uri", incoming.text()));
            while (!mode(pri).equals("primary") || !mode(sec).equals("secondary")) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("COLO did not come up across the namespace: primary " + mode(pri)
                            + ", secondary " + mode(sec) + "; " + stderr());
                }
                QemuMonitorProcess.sleep(25);
            }
        }
    }

    private static List<String> commandLine(String name, Endpoint console, Endpoint harness) {
        Endpoint.Tcp tcp = (Endpoint.Tcp) console;
        return new ArrayList<>(List.of(QemuMonitorProcess.BINARY, "-name", name, "-machine", "pc,accel=" + ACCEL,
                "-cpu", "qemu64", "-smp", "1", "-m", "128", "-nodefaults", "-display", "none", "-no-user-config",
                "-qmp", "tcp:" + tcp.host() + ":" + tcp.port() + ",server=on,wait=off,nodelay=on",
                "-qmp", "unix:" + ((Endpoint.Unix) harness).path() + ",server=on,wait=off"));
    }

    private void start(String name, List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        if (ACCEL.equals("tcg")) {
            // QEMU 7.2's COLO primary deadlocks under TCG without it; either side may become primary. Installed
            // once: the first QEMU may still be loading it while the second starts
            Path library = dir.resolve(TcgWaitShim.FILE_NAME);
            if (!Files.exists(library)) {
                TcgWaitShim.installInto(dir);
            }
            builder.environment().putAll(TcgWaitShim.environment(library));
        }
        processes.add(builder
                .directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + "-stderr.log").toFile())
                .start());
    }

    private QmpClient connect(Endpoint endpoint, long deadline) throws IOException {
        QmpClient client = new QmpClient(QmpClientOptions.defaults("netns-harness"));
        while (true) {
            try {
                client.connect(endpoint);
                return client;
            } catch (QmpException e) {
                if (System.nanoTime() > deadline || !bothAlive()) {
                    client.close();
                    throw new IOException("the harness monitor " + endpoint + " did not answer (" + e.getMessage()
                            + "); " + stderr(), e);
                }
                QemuMonitorProcess.sleep(25);
            }
        }
    }

    /** One query over a fresh harness connection, e.g. for the truth while the console's link is cut. */
    public QmpValue query(Endpoint harness, String command) throws Exception {
        try (QmpClient client = new QmpClient(QmpClientOptions.defaults("netns-truth"))) {
            client.connect(harness);
            return client.execute(command).get(5, TimeUnit.SECONDS);
        }
    }

    private static String mode(QmpClient client) throws IOException {
        return call(client, "query-colo-status", null).string("mode").orElse("?");
    }

    private static QmpValue call(QmpClient client, String command, Map<String, ?> arguments) throws IOException {
        try {
            return client.execute(command, arguments).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException(command + " failed while bringing COLO up: " + e, e);
        }
    }

    private static Map<String, Object> capability(String name) {
        return Map.of("capability", name, "state", true);
    }

    private String stderr() {
        StringBuilder text = new StringBuilder();
        for (String name : List.of("primary", "secondary")) {
            try {
                text.append(name).append(" stderr: ")
                        .append(Files.readString(dir.resolve(name + "-stderr.log"), StandardCharsets.UTF_8).strip())
                        .append("; ");
            } catch (IOException e) {
                text.append(name).append(" stderr unreadable; ");
            }
        }
        return text.toString();
    }

    /** Kills both QEMUs (waiting until they are reaped), then removes the namespace, its links and the directory. */
    @Override
    public void close() {
        try {
            for (Process process : processes) {
                process.destroyForcibly();
            }
            for (Process process : processes) {
                try {
                    process.waitFor(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        } finally {
            namespace.close();
            QemuMonitorProcess.deleteQuietly(dir);
        }
    }
}
