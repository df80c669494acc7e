package org.coloconsole.campaign;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.coloconsole.qmp.Endpoint;
import org.coloconsole.qmp.QmpValue;

/**
 * One side of a COLO pair, simulated on a UNIX socket: answers like QEMU 7.2 in COLO (docs/colo-behaviour.md) and can be faulted
 * (kill, hang, slow replies, garbage, restart, duplicate or out-of-order COLO_EXIT).
 *
 * <p>All state lives on one scheduler thread; the acceptor and the reader of the current connection only hand work
 * to it. Two sides share a {@link Link}: what one does to COLO (leave it, die) reaches the other through it.
 */
final class SimulatedQemu implements AutoCloseable {
    static final String GREETING = "{\"QMP\": {\"version\": {\"qemu\": {\"micro\": 22, \"minor\": 2, \"major\": 7},"
            + " \"package\": \"Debian 1:7.2+dfsg-7+deb12u13\"}, \"capabilities\": [\"oob\"]}}";

    /** The wire between the two sides: whether replication still works, and who is at the other end. */
    static final class Link {
        private SimulatedQemu primary;
        private SimulatedQemu secondary;
        private volatile boolean broken;

        void attach(SimulatedQemu p, SimulatedQemu s) {
            primary = p;
            secondary = s;
        }

        SimulatedQemu peerOf(SimulatedQemu side) {
            return side == primary ? secondary : primary;
        }

        boolean broken() {
            return broken;
        }

        void breakLink() {
            broken = true;
        }
    }

    /** What the sim's own state says, for the campaign's invariants (read on the sim's thread). */
    record View(boolean alive, boolean hung, boolean running, String mode, String lastMode, String reason,
                boolean promoted) {
        /** Its guest runs outside COLO because the operator made it carry on. */
        boolean carriesOn() {
            return alive && !hung && running && promoted;
        }

        /** Its guest runs (paused and frozen guests do not). */
        boolean guestRuns() {
            return alive && !hung && running;
        }
    }

    /** A command the sim received, with the campaign-wide sequence number when it arrived. */
    record Received(String command, long seq) {
    }

    private final String role;
    private final Link link;
    private final Path dir;
    private final Path socket;
    private final long checkpointMillis;
    private final LongSupplier sequence;
    private final ScheduledExecutorService exec;
    private final List<Received> received = new ArrayList<>();
    private final AtomicLong epochMicros = new AtomicLong(System.currentTimeMillis() * 1000);

    // sim thread only
    private ServerSocketChannel server;
    private SocketChannel client;
    private Thread acceptor;
    private Thread reader;
    private boolean alive;
    private volatile boolean hung; // read by the peer's checkpoint
    private boolean negotiated;
    private long slowMillis;
    private boolean running;
    private String mode;
    private String lastMode = "none";
    private String reason = "none";
    private String migration = "colo";
    private boolean exitSent;
    private boolean promoted;
    private boolean exitPendingAtCheckpoint;
    private boolean duplicateNextExit;
    private boolean reorderNextExit;
    private long pass = 2;
    private final List<String> heldWhileHung = new ArrayList<>();
    private final java.util.ArrayDeque<SocketChannel> waiting = new java.util.ArrayDeque<>();
    private boolean closed;

    private SimulatedQemu(String role, Link link, Path dir, long checkpointMillis, LongSupplier sequence) {
        this.role = role;
        this.link = link;
        this.dir = dir;
        this.socket = dir.resolve(role + ".sock");
        this.checkpointMillis = checkpointMillis;
        this.sequence = sequence;
        this.mode = role;
        this.exec = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sim-" + role);
            t.setDaemon(true);
            return t;
        });
    }

    /** A primary and a secondary in COLO, listening in {@code dir}; index 0 is the primary. */
    static SimulatedQemu[] pair(Path dir, long checkpointMillis, LongSupplier sequence) throws IOException {
        Link link = new Link();
        SimulatedQemu p = new SimulatedQemu("primary", link, dir, checkpointMillis, sequence);
        SimulatedQemu s = new SimulatedQemu("secondary", link, dir, checkpointMillis, sequence);
        link.attach(p, s);
        p.call(() -> {
            p.listen();
            p.running = true;
            return null;
        });
        s.call(() -> {
            s.listen();
            s.running = true;
            return null;
        });
        p.exec.scheduleAtFixedRate(p::checkpoint, checkpointMillis, checkpointMillis, TimeUnit.MILLISECONDS);
        return new SimulatedQemu[] {p, s};
    }

    Endpoint endpoint() {
        return new Endpoint.Unix(socket);
    }

    String role() {
        return role;
    }

    View view() {
        return call(() -> new View(alive, hung, running, mode, lastMode, reason, promoted));
    }

    List<Received> received() {
        return call(() -> List.copyOf(received));
    }

    // ---- faults -------------------------------------------------------------------------------------------------

    /** SIGKILL: the socket closes, new connections are refused, the peer notices as QEMU would. */
    void kill() {
        call(() -> {
            die();
            return null;
        });
    }

    /** SIGSTOP: no replies, no events, no checkpoints; the socket stays open. */
    void hang() {
        call(() -> {
            hung = true;
            return null;
        });
    }

    /** SIGCONT after {@link #hang()}: held commands are answered, and COLO notices it was frozen (docs/colo-behaviour.md). */
    void unhang() {
        call(() -> {
            if (!hung) {
                return null;
            }
            hung = false;
            boolean wasInColo = !mode.equals("none") && !exitSent;
            if (wasInColo) {
                link.breakLink();
                if (role.equals("secondary")) {
                    running = false;
                    event("STOP", null);
                }
                exit("error");
            }
            greetNextWaiting();
            List<String> held = new ArrayList<>(heldWhileHung);
            heldWhileHung.clear();
            for (String line : held) {
                handle(line);
            }
            return null;
        });
    }

    void slow(long millis) {
        call(() -> {
            slowMillis = millis;
            return null;
        });
    }

    /** One line that is not JSON, as a broken monitor might send. */
    void garbage() {
        call(() -> {
            write("}}not json{{ \u0001");
            return null;
        });
    }

    /** A fresh process after a kill: a new QEMU, not in COLO (it would need a new migration to rejoin). */
    void restart() {
        call(() -> {
            if (alive) {
                return null;
            }
            hung = false;
            slowMillis = 0;
            running = false;
            mode = "none";
            lastMode = "none";
            reason = "none";
            migration = "none";
            promoted = false;
            exitSent = true;
            listen();
            return null;
        });
    }

    /** The next COLO_EXIT comes twice. */
    void duplicateNextExit() {
        call(() -> {
            duplicateNextExit = true;
            return null;
        });
    }

    /** The next COLO_EXIT comes after the RESUME that follows it, stamped earlier than the event before it. */
    void reorderNextExit() {
        call(() -> {
            reorderNextExit = true;
            return null;
        });
    }

    @Override
    public void close() {
        try {
            call(() -> {
                closed = true;
                closeSockets();
                return null;
            });
        } catch (RuntimeException alreadyGone) {
            // closing twice
        }
        exec.shutdownNow();
        try {
            exec.awaitTermination(5, TimeUnit.SECONDS);
            join(acceptor);
            join(reader);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(socket);
        } catch (IOException ignored) {
            // the temp dir goes with the test
        }
    }

    // ---- COLO behaviour (sim thread) -----------------------------------------------------------------------------

    private void checkpoint() {
        SimulatedQemu peer = link.peerOf(this);
        if (!alive || hung || closed) {
            return;
        }
        if (exitPendingAtCheckpoint) {
            // the primary notices a dead or departed secondary only at its next checkpoint (docs/colo-behaviour.md)
            exitPendingAtCheckpoint = false;
            exit("error");
            return;
        }
        if (link.broken() || !mode.equals("primary")) {
            return;
        }
        if (peer.hung) {
            return; // it blocks waiting for the secondary: nothing at all (docs/colo-behaviour.md)
        }
        // like the secondary's, the primary's checkpoint ends with its guest started, even one stopped by an
        // operator (LabCheckpointResumesStoppedSideTest)
        if (running) {
            event("STOP", null);
        }
        event("MIGRATION_PASS", Map.of("pass", ++pass));
        running = true;
        event("RESUME", null);
        peer.exec.execute(peer::peerCheckpoint);
    }

    private void peerCheckpoint() {
        if (alive && !hung && !link.broken() && mode.equals("secondary")) {
            // a checkpoint ends with the secondary's guest started again, even one an operator stopped: seen on the
            // real pair by LabFaultCampaignTest (stop → STOP; checkpoint → STOP, RESUME; the guest runs)
            if (running) {
                event("STOP", null);
            }
            running = true;
            event("RESUME", null);
        }
    }

    /** The peer's link broke (it left COLO or died): how this side learns of it, per docs/colo-behaviour.md. */
    private void peerGone() {
        if (!alive || exitSent || mode.equals("none")) {
            return;
        }
        if (role.equals("primary")) {
            exitPendingAtCheckpoint = true;
        } else if (!hung) {
            exit("error");
        }
        // a hung secondary notices when it is continued (unhang)
    }

    private void die() {
        if (!alive) {
            return;
        }
        alive = false;
        closeSockets();
        boolean wasInColo = !mode.equals("none") && !link.broken();
        if (wasInColo) {
            link.breakLink();
            SimulatedQemu peer = link.peerOf(this);
            peer.exec.execute(peer::peerGone);
        }
    }

    private void exit(String why) {
        if (exitSent) {
            return;
        }
        exitSent = true;
        String exitMode = mode;
        if (why.equals("request")) {
            lastMode = mode;
            mode = "none";
            reason = "request";
            migration = "completed";
            promoted = true;
        }
        String line = eventLine("COLO_EXIT", Map.of("mode", exitMode, "reason", why));
        if (reorderNextExit) {
            reorderNextExit = false;
            // stamped before the previous event, and sent after the next one
            String stale = line.replaceFirst("\"seconds\":\\d+", "\"seconds\":1");
            exec.schedule(() -> write(stale), 2, TimeUnit.MILLISECONDS);
        } else {
            write(line);
        }
        if (duplicateNextExit) {
            duplicateNextExit = false;
            write(line);
        }
    }

    private String lostHeartbeat() {
        if (mode.equals("none")) {
            return "The feature 'colo' is not enabled";
        }
        if (promoted) {
            return "COLO failover is already activated";
        }
        // QEMU resumes even a stopped guest here (docs/colo-behaviour.md): stop alone does not fence
        boolean wasBroken = link.broken();
        link.breakLink();
        if (running) {
            running = false;
            event("STOP", null);
        }
        event("MIGRATION", Map.of("status", "completed"));
        if (exitSent) {
            // the error exit came already; QEMU sends COLO_EXIT once per side
            lastMode = mode;
            mode = "none";
            reason = "request";
            migration = "completed";
            promoted = true;
        } else {
            exit("request");
        }
        running = true;
        event("RESUME", null);
        if (!wasBroken) {
            SimulatedQemu peer = link.peerOf(this);
            peer.exec.execute(peer::peerGone);
        }
        return null;
    }

    // ---- QMP (sim thread) ----------------------------------------------------------------------------------------

    private final org.coloconsole.testing.FakeClaimObject claims = new org.coloconsole.testing.FakeClaimObject();

    private void handle(String line) {
        if (!alive) {
            return;
        }
        if (hung) {
            heldWhileHung.add(line);
            return;
        }
        QmpValue request;
        try {
            request = QmpValue.parse(line);
        } catch (RuntimeException e) {
            reply(null, null, "GenericError", "JSON parse error");
            return;
        }
        QmpValue id = request.get("id");
        String command = request.string("execute").or(() -> request.string("exec-oob")).orElse("");
        received.add(new Received(command, sequence.getAsLong()));
        if (!negotiated && !command.equals("qmp_capabilities")) {
            reply(id, null, "CommandNotFound", "Expecting capabilities negotiation with 'qmp_capabilities'");
            return;
        }
        Object result;
        String error = null;
        switch (command) {
            case "qmp_capabilities":
                negotiated = true;
                result = Map.of();
                break;
            case "query-status":
                result = Map.of("status", status(), "singlestep", false, "running", running);
                break;
            case "query-colo-status":
                result = Map.of("mode", mode, "last-mode", lastMode, "reason", reason);
                break;
            case "query-migrate":
                result = migration.equals("none") ? Map.of() : Map.of("status", migration);
                break;
            case "query-version":
                result = Map.of("qemu", Map.of("micro", 22, "minor", 2, "major", 7),
                        "package", "Debian 1:7.2+dfsg-7+deb12u13");
                break;
            case "query-name":
                result = Map.of("name", "sim");
                break;
            case "query-migrate-parameters":
                result = Map.of("x-checkpoint-delay", checkpointMillis, "max-bandwidth", 134217728);
                break;
            case "query-jobs":
            case "query-block-jobs":
                result = List.of();
                break;
            case "stop":
                if (running) {
                    running = false;
                    event("STOP", null);
                }
                result = Map.of();
                break;
            case "cont":
                if (!running) {
                    running = true;
                    event("RESUME", null);
                }
                result = Map.of();
                break;
            case "yank":
                result = Map.of();
                break;
            case "x-colo-lost-heartbeat":
                error = lostHeartbeat();
                result = Map.of();
                break;
            case "object-add":
            case "qom-get":
            case "object-del":
                // the console's claim, as QEMU keeps a user-creatable object (docs/colo-behaviour.md, "The claim")
                String answer = claims.answer(command, request.get("arguments"));
                if (answer == null) {
                    reply(id, null, claims.lastErrorClass(), "claim object: " + command);
                } else {
                    reply(id, QmpValue.parse("{\"v\": " + answer + "}").get("v").toPlain(), null, null);
                }
                return;
            case "quit":
                reply(id, Map.of(), null, null);
                event("SHUTDOWN", Map.of("guest", false, "reason", "host-qmp-quit"));
                die();
                return;
            default:
                reply(id, null, "CommandNotFound", "The command " + command + " has not been found");
                return;
        }
        if (error != null) {
            reply(id, null, "GenericError", error);
        } else {
            reply(id, result, null, null);
        }
    }

    private String status() {
        if (running) {
            return "running";
        }
        return mode.equals("none") && !promoted ? "prelaunch" : "paused";
    }

    private void reply(QmpValue id, Object result, String errorClass, String desc) {
        Map<String, Object> reply = new LinkedHashMap<>();
        if (errorClass != null) {
            reply.put("error", Map.of("class", errorClass, "desc", desc));
        } else {
            reply.put("return", result);
        }
        if (id != null && !id.isMissing()) {
            reply.put("id", id.toPlain());
        }
        String line = QmpValue.of(reply).toJson();
        if (slowMillis > 0) {
            SocketChannel target = client;
            exec.schedule(() -> {
                if (client == target && !hung) {
                    write(line);
                }
            }, slowMillis, TimeUnit.MILLISECONDS);
        } else {
            write(line);
        }
    }

    private void event(String name, Map<String, Object> data) {
        write(eventLine(name, data));
    }

    private String eventLine(String name, Map<String, Object> data) {
        long micros = Math.max(epochMicros.incrementAndGet(), System.currentTimeMillis() * 1000);
        epochMicros.set(micros);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("timestamp", Map.of("seconds", micros / 1_000_000, "microseconds", micros % 1_000_000));
        event.put("event", name);
        if (data != null) {
            event.put("data", data);
        }
        return QmpValue.of(event).toJson().replace(" ", "");
    }

    /** Events reach only a negotiated client; without one they are lost, as in QEMU. */
    private void write(String line) {
        if (client == null || !alive || hung) {
            return;
        }
        if (!negotiated && !line.startsWith("{\"QMP\"") && line.contains("\"event\"")) {
            return;
        }
        try {
            ByteBuffer bytes = ByteBuffer.wrap((line + "\r\n").getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                client.write(bytes);
            }
        } catch (IOException e) {
            dropClient();
        }
    }

    // ---- sockets -------------------------------------------------------------------------------------------------

    private void listen() throws IOException {
        Files.deleteIfExists(socket);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket), 4);
        alive = true;
        ServerSocketChannel listening = server;
        acceptor = new Thread(() -> acceptLoop(listening), "sim-" + role + "-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void acceptLoop(ServerSocketChannel listening) {
        while (listening.isOpen()) {
            SocketChannel accepted;
            try {
                accepted = listening.accept();
            } catch (IOException e) {
                return;
            }
            submit(() -> onAccepted(accepted));
        }
    }

    private void onAccepted(SocketChannel accepted) {
        if (!alive) {
            closeQuietly(accepted);
            return;
        }
        if (client != null || hung) {
            // one client at a time, like a QEMU monitor; a frozen QEMU greets nobody (the kernel still accepts)
            waiting.add(accepted);
            return;
        }
        client = accepted;
        negotiated = false;
        write(GREETING);
        Thread t = new Thread(() -> readLoop(accepted), "sim-" + role + "-read");
        t.setDaemon(true);
        reader = t;
        t.start();
    }

    private void readLoop(SocketChannel channel) {
        ByteBuffer buffer = ByteBuffer.allocate(65536);
        StringBuilder pending = new StringBuilder();
        try {
            while (true) {
                buffer.clear();
                int n = channel.read(buffer);
                if (n < 0) {
                    break;
                }
                pending.append(new String(buffer.array(), 0, n, StandardCharsets.UTF_8));
                int newline;
                while ((newline = pending.indexOf("\n")) >= 0) {
                    String line = pending.substring(0, newline).trim();
                    pending.delete(0, newline + 1);
                    if (!line.isEmpty()) {
                        submit(() -> handle(line));
                    }
                }
            }
        } catch (IOException e) {
            // closed by us or by the console
        }
        submit(() -> {
            if (client == channel) {
                dropClient();
            }
        });
    }

    private void dropClient() {
        closeQuietly(client);
        client = null;
        negotiated = false;
        greetNextWaiting();
    }

    private void greetNextWaiting() {
        while (client == null && alive && !hung && !waiting.isEmpty()) {
            SocketChannel next = waiting.poll();
            if (next.isOpen()) {
                onAccepted(next);
            }
        }
    }

    private void closeSockets() {
        alive = false;
        waiting.forEach(SimulatedQemu::closeQuietly);
        waiting.clear();
        dropClient();
        if (server != null) {
            closeQuietly(server);
            server = null;
        }
        try {
            Files.deleteIfExists(socket);
        } catch (IOException ignored) {
            // a later connect fails either way
        }
    }

    private void submit(Runnable task) {
        try {
            exec.execute(task);
        } catch (RejectedExecutionException closing) {
            // closed
        }
    }

    private <T> T call(Callable<T> task) {
        Future<T> f = exec.submit(task);
        try {
            return f.get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(role + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(role + " interrupted", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException(role + " did not answer its test harness in 5 s", e);
        }
    }

    private static void closeQuietly(java.io.Closeable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (IOException ignored) {
            // closing
        }
    }

    private static void join(Thread t) throws InterruptedException {
        if (t != null) {
            t.join(5000);
        }
    }
}
