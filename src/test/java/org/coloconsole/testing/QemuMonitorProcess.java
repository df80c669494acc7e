package org.coloconsole.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.coloconsole.qmp.Endpoint;

/**
 * A plain QEMU ({@code -machine none} unless told otherwise) with QMP monitors on UNIX sockets and optionally on TCP loopback, in a
 * private temp directory. For tests and benchmarks only: it can be killed, frozen, thawed and started again on the
 * same socket path and port, and {@link #close()} kills it and removes the directory.
 */
public final class QemuMonitorProcess implements AutoCloseable {
    /** How long QEMU gets to bring its monitor up; a loaded 2-core machine starts it in well under a second. */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    /** The QEMU that tests start unless told otherwise (looked up on the PATH). */
    public static final String BINARY = "qemu-system-x86_64";

    private final List<String> command;
    private final Map<String, String> environment;
    private final List<String> extraArguments;
    private final Path dir;
    private final List<Path> sockets = new ArrayList<>();
    private final List<Integer> tcpPorts = new ArrayList<>();
    private final Path log;
    private Process process;

    private QemuMonitorProcess(List<String> command, Map<String, String> environment, List<String> extraArguments,
                               Path dir, int unixMonitors, int tcpMonitors) throws IOException {
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.extraArguments = List.copyOf(extraArguments);
        this.dir = dir;
        for (int i = 0; i < unixMonitors; i++) {
            sockets.add(dir.resolve(i == 0 ? "qmp.sock" : "qmp-" + i + ".sock"));
        }
        for (int i = 0; i < tcpMonitors; i++) {
            tcpPorts.add(freePort());
        }
        this.log = dir.resolve("qemu-stderr.log");
    }

    /** A QEMU with a UNIX monitor only. */
    public static QemuMonitorProcess startUnix() throws IOException {
        return start(1, 0);
    }

    /** A QEMU with a UNIX monitor and a TCP monitor ({@code nodelay=on}) on a free loopback port. */
    public static QemuMonitorProcess startUnixAndTcp() throws IOException {
        return start(1, 1);
    }

    /**
     * A QEMU with this many monitors of each kind: each monitor serves one client at a time, so two clients that
     * must be connected at once need two monitors.
     */
    public static QemuMonitorProcess start(int unixMonitors, int tcpMonitors) throws IOException {
        return start(BINARY, unixMonitors, tcpMonitors);
    }

    /** As {@link #start(int, int)}, with another QEMU binary (a path, or a name looked up on the PATH). */
    public static QemuMonitorProcess start(String binary, int unixMonitors, int tcpMonitors) throws IOException {
        return start(List.of(binary), Map.of(), List.of(), unixMonitors, tcpMonitors);
    }

    /**
     * As {@link #start(int, int)}, with one of the QEMUs the tests know (skipped, or failed under CI, when it is not
     * installed) and more arguments: e.g. {@code -compat unstable-input=reject}, or a {@code -machine} of their own in
     * place of {@code -machine none}.
     */
    public static QemuMonitorProcess start(TestedQemu qemu, int unixMonitors, int tcpMonitors, String... arguments)
            throws IOException {
        qemu.assumeInstalled();
        return start(qemu.command(), qemu.environment(), List.of(arguments), unixMonitors, tcpMonitors);
    }

    private static QemuMonitorProcess start(List<String> command, Map<String, String> environment,
                                            List<String> extraArguments, int unixMonitors, int tcpMonitors)
            throws IOException {
        if (unixMonitors < 1 || tcpMonitors < 0) {
            throw new IllegalArgumentException("need at least one UNIX monitor");
        }
        // short path: a UNIX socket path must fit in 108 bytes
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "qmpreal");
        QemuMonitorProcess qemu;
        try {
            qemu = new QemuMonitorProcess(command, environment, extraArguments, dir, unixMonitors, tcpMonitors);
        } catch (IOException e) {
            deleteQuietly(dir);
            throw e;
        }
        try {
            qemu.launch(false);
        } catch (IOException | RuntimeException e) {
            qemu.close();
            throw e;
        }
        return qemu;
    }

    public Endpoint unixEndpoint() {
        return unixEndpoint(0);
    }

    public Endpoint unixEndpoint(int monitor) {
        return new Endpoint.Unix(sockets.get(monitor));
    }

    public Endpoint tcpEndpoint() {
        return tcpEndpoint(0);
    }

    public Endpoint tcpEndpoint(int monitor) {
        if (monitor >= tcpPorts.size()) {
            throw new IllegalStateException("this QEMU was started with " + tcpPorts.size() + " TCP monitors");
        }
        return new Endpoint.Tcp("127.0.0.1", tcpPorts.get(monitor));
    }

    public synchronized long pid() {
        return process.pid();
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** SIGKILL, then wait until the process is reaped. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("QEMU pid " + process.pid() + " did not die within 10 s of SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for QEMU to die", e);
        }
    }

    /** SIGSTOP: QEMU keeps its sockets open but answers nothing. */
    public void freeze() {
        signal("STOP");
    }

    /** SIGCONT after {@link #freeze()}. */
    public void thaw() {
        signal("CONT");
    }

    /** Kills this QEMU if it still runs and starts a new one on the same socket paths (and TCP ports). */
    public synchronized void restart() throws IOException {
        kill();
        // a client that reconnects on its own may take the monitor before the readiness probe: then the probe is
        // accepted and hears nothing, which on a restart means QEMU is up and serving someone else
        launch(true);
    }

    /** The run directory (removed by {@link #close()}): room for a test's own sockets. */
    public Path dir() {
        return dir;
    }

    /** The last lines QEMU wrote to stdout/stderr: QEMU says there why it would not start or what it saw. */
    public String stderrTail(int maxLines) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - maxLines), lines.size())).strip();
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public synchronized void close() {
        try {
            if (process != null && process.isAlive()) {
                // a frozen QEMU dies from SIGKILL as well
                kill();
            }
        } finally {
            deleteQuietly(dir);
        }
    }

    private void launch(boolean acceptedCounts) throws IOException {
        List<String> command = new ArrayList<>(this.command);
        if (!extraArguments.contains("-machine")) {
            command.addAll(List.of("-machine", "none"));
        }
        command.addAll(List.of("-nodefaults", "-display", "none", "-no-user-config"));
        command.addAll(extraArguments);
        for (Path socket : sockets) {
            command.add("-qmp");
            command.add("unix:" + socket + ",server=on,wait=off");
        }
        for (int port : tcpPorts) {
            command.add("-qmp");
            command.add("tcp:127.0.0.1:" + port + ",server=on,wait=off,nodelay=on");
        }
        String binary = this.command.get(0);
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(environment);
            process = builder
                    .directory(dir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new IOException("Cannot start " + binary + " (" + e.getMessage() + "). These tests need QEMU: on "
                    + "Debian or Ubuntu run 'sudo apt-get install qemu-system-x86' (QEMU 7.2 is what they were "
                    + "written against), or put qemu-system-x86_64 on the PATH.", e);
        }
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        for (Path socket : sockets) {
            awaitGreeting(UnixDomainSocketAddress.of(socket), deadline, acceptedCounts);
        }
        for (int port : tcpPorts) {
            awaitGreeting(new InetSocketAddress("127.0.0.1", port), deadline, acceptedCounts);
        }
    }

    /** Ready means: the monitor accepts and greets. The probe leaves at once, freeing the monitor for the test. */
    private void awaitGreeting(SocketAddress address, long deadline, boolean acceptedCounts) throws IOException {
        IOException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("QEMU exited with status " + process.exitValue() + " before its monitor "
                        + address + " came up: " + stderrTail(5));
            }
            try {
                if (greets(address, deadline, acceptedCounts)) {
                    return;
                }
            } catch (IOException e) {
                last = e;
            }
            sleep(20);
        }
        IOException timeout = new IOException("QEMU's monitor " + address + " did not greet within "
                + START_TIMEOUT.toSeconds() + " s: " + stderrTail(5));
        if (last != null) {
            timeout.addSuppressed(last);
        }
        throw timeout;
    }

    /** {@code acceptedCounts}: an accepted connection that stays silent for the probe's second counts as up. */
    private static boolean greets(SocketAddress address, long deadline, boolean acceptedCounts) throws IOException {
        long probeDeadline = Math.min(deadline, System.nanoTime() + TimeUnit.SECONDS.toNanos(1));
        if (address instanceof UnixDomainSocketAddress) {
            if (!Files.exists(((UnixDomainSocketAddress) address).getPath())) {
                return false;
            }
            try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                channel.connect(address);
                // non-blocking, so that a monitor that never greets cannot hold the probe past its deadline
                channel.configureBlocking(false);
                ByteBuffer buffer = ByteBuffer.allocate(4096);
                while (System.nanoTime() < probeDeadline) {
                    if (channel.read(buffer) < 0) {
                        return false;
                    }
                    String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
                    if (text.indexOf('\n') >= 0) {
                        return text.contains("\"QMP\"");
                    }
                    sleep(5);
                }
                return acceptedCounts && buffer.position() == 0;
            }
        }
        try (Socket tcp = new Socket()) {
            tcp.connect(address, 1000);
            tcp.setSoTimeout(1000);
            InputStream in = tcp.getInputStream();
            StringBuilder line = new StringBuilder();
            while (System.nanoTime() < probeDeadline) {
                int b;
                try {
                    b = in.read();
                } catch (java.net.SocketTimeoutException silent) {
                    return acceptedCounts && line.length() == 0;
                }
                if (b < 0) {
                    return false;
                }
                if (b == '\n') {
                    return line.toString().contains("\"QMP\"");
                }
                line.append((char) b);
            }
            return acceptedCounts && line.length() == 0;
        }
    }

    /** Sends a signal by name ({@code STOP}, {@code CONT}, {@code TERM}…) with {@code kill}. */
    public void signal(String name) {
        long pid = pid();
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + name + " " + pid + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run kill -" + name + " " + pid + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending SIG" + name + " to " + pid, e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for QEMU", e);
        }
    }

    static void deleteQuietly(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp dir is harmless
        }
    }
}
