package org.coloconsole.ui;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.coloconsole.colo.PairState;
import org.coloconsole.qmp.Endpoint;
import org.coloconsole.testing.Captured;
import org.coloconsole.testing.QmpScript;
import org.coloconsole.testing.ScriptedConnection;
import org.coloconsole.testing.ScriptedQmpServer;

/**
 * One side of a scripted QEMU 7.2 COLO pair on a real UNIX socket: after the greeting it answers whatever the console
 * polls (resync queries, the heartbeat's {@code query-status}) from a table of current answers, reacts to the
 * runbook's commands as QEMU does, and sends the events a test queues. All socket work stays on the server's thread;
 * the test only changes the table, queues events and reads what was received.
 */
final class ColoPeer implements AutoCloseable {
    /** One command received, with its place in an order shared by both peers of a pair. */
    record Received(long order, String command) {
    }

    /** What a command does beside being answered, run on the server's thread right after the answer. */
    @FunctionalInterface
    interface Reaction {
        void after(ColoPeer peer, ScriptedConnection connection) throws IOException;
    }

    static final String RUNNING = "{\"status\": \"running\", \"singlestep\": false, \"running\": true}";
    static final String PAUSED = "{\"status\": \"paused\", \"singlestep\": false, \"running\": false}";
    private static final String VERSION = "{\"qemu\": {\"micro\": 22, \"minor\": 2, \"major\": 7}, "
            + "\"package\": \"Debian 1:7.2+dfsg-7+deb12u18+b3\"}";
    // QEMU's default x-checkpoint-delay: long enough that no stall is called within a test; tests that need the pair
    // protected send a checkpoint() themselves
    private static final String PARAMETERS = "{\"announce-max\": 550, \"downtime-limit\": 300, "
            + "\"max-bandwidth\": 134217728, \"x-checkpoint-delay\": 20000, \"multifd-channels\": 2}";

    private final String mode;
    private final AtomicLong order;
    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private final Map<String, Reaction> reactions = new ConcurrentHashMap<>();
    private final Map<String, Duration> delays = new ConcurrentHashMap<>();
    private final Queue<String> outbox = new ConcurrentLinkedQueue<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final ScriptedQmpServer server;
    private volatile boolean hungUp;
    private final org.coloconsole.testing.FakeClaimObject claims = new org.coloconsole.testing.FakeClaimObject();

    private ColoPeer(String mode, AtomicLong order) throws IOException {
        this.mode = mode;
        this.order = order;
        answers.put("query-version", VERSION);
        answers.put("query-status", RUNNING);
        answers.put("query-colo-status", "{\"last-mode\": \"none\", \"mode\": \"" + mode + "\", \"reason\": \"none\"}");
        answers.put("query-migrate", "primary".equals(mode) ? "{\"status\": \"colo\"}"
                : "{\"status\": \"colo\", \"socket-address\": [{\"port\": \"9998\", \"ipv4\": true, "
                + "\"host\": \"127.0.0.1\", \"type\": \"inet\"}]}");
        answers.put("query-migrate-parameters", PARAMETERS);
        answers.put("query-jobs", "[]");
        answers.put("query-name", "{\"name\": \"colo-" + mode + "\"}");
        answers.put("query-block-jobs", "[]");
        answers.put("yank", "{}"); // the migration instance exists while COLO runs
        for (String command : new String[] {"stop", "cont", "x-colo-lost-heartbeat"}) {
            answers.put(command, "{}");
        }
        // only the first connection is served: a console that reconnects after hangUp() finds no socket at all
        this.server = ScriptedQmpServer.unix(QmpScript.negotiated().then("serve as a COLO " + mode, this::serve));
    }

    /** A pair's two peers share {@code order}, so a test can tell which side received what first. */
    static ColoPeer primary(AtomicLong order) throws IOException {
        return new ColoPeer("primary", order);
    }

    static ColoPeer secondary(AtomicLong order) throws IOException {
        return new ColoPeer("secondary", order);
    }

    Endpoint endpoint() {
        return server.endpoint();
    }

    /** From now on, {@code command} is answered with {@code {"return": returnJson}}. */
    ColoPeer answer(String command, String returnJson) {
        answers.put(command, returnJson);
        return this;
    }

    /**
     * As QEMU 7.2 answers {@code x-colo-lost-heartbeat} on a secondary (full-secondary-failover-kvm.log): it leaves
     * COLO on request, its guest runs, and the incoming migration is over.
     */
    ColoPeer takesOverOnLostHeartbeat() {
        return on("x-colo-lost-heartbeat", (peer, connection) -> {
            peer.answer("query-colo-status", "{\"last-mode\": \"" + mode + "\", \"mode\": \"none\", \"reason\": \"request\"}")
                    .answer("query-status", RUNNING)
                    .answer("query-migrate", "{\"status\": \"completed\"}");
            peer.event("COLO_EXIT", "{\"mode\": \"" + mode + "\", \"reason\": \"request\"}");
            peer.event("RESUME", null);
        });
    }

    /** From now on, {@code command} is answered only after {@code delay}: this peer answers nothing meanwhile. */
    ColoPeer slow(String command, Duration delay) {
        delays.put(command, delay);
        return this;
    }

    /** After answering {@code command}, also do this (change answers, send events), as QEMU would. */
    ColoPeer on(String command, Reaction reaction) {
        reactions.put(command, reaction);
        return this;
    }

    /** One COLO checkpoint as QEMU shows it, STOP then RESUME: a console calls a pair protected only after one. */
    void checkpoint() {
        event("STOP", null);
        event("RESUME", null);
    }

    /** Both sides re-read and in COLO: ready to be acted on, before any checkpoint shows the pair protected. */
    static boolean bothInColo(PairState state) {
        return state.primary().synced() && state.secondary().synced() && state.primary().inColo()
                && state.secondary().inColo();
    }

    /** Queues an event; it goes out (with QEMU's line framing and a timestamp) before the next answer. */
    void event(String name, String dataJson) {
        outbox.add(QmpScript.eventLine(name, dataJson));
    }

    /** Queues an event stamped {@code seconds}.{@code micros} on this QEMU's clock (which may be skewed or step back). */
    void eventAt(String name, String dataJson, long seconds, int micros) {
        outbox.add("{\"timestamp\": {\"seconds\": " + seconds + ", \"microseconds\": " + micros + "}, \"event\": \""
                + name + "\", \"data\": " + dataJson + "}");
    }

    /**
     * The QEMU process is gone: its socket closes under the console, and the socket file goes with it, so every
     * reconnect is refused.
     */
    void hangUp() {
        hungUp = true;
        server.close();
    }

    /** Every command received so far, in order. */
    List<Received> received() {
        return List.copyOf(received);
    }

    List<String> commands() {
        List<String> names = new ArrayList<>();
        for (Received r : received) {
            names.add(r.command());
        }
        return names;
    }

    /** The script's failures (an I/O error while the console was still connected), for the test's verdict. */
    List<Throwable> failures() {
        return server.failures();
    }

    @Override
    public void close() {
        hungUp = true;
        server.close();
    }

    private static boolean claimCommand(String command) {
        return command.equals("object-add") || command.equals("qom-get") || command.equals("object-del");
    }

    private void serve(ScriptedConnection connection) throws IOException {
        while (!hungUp && !connection.clientLeft()) {
            flushEvents(connection);
            Captured line;
            try {
                line = connection.nextLine(Duration.ofMillis(20));
            } catch (IOException quietOrGone) {
                // no line within 20 ms (go round and send queued events) or the connection ended (the loop ends)
                if (hungUp || connection.clientLeft()) {
                    return;
                }
                continue;
            }
            String command = line.command();
            received.add(new Received(order.incrementAndGet(), command));
            String answer = claimCommand(command) ? claims.answer(command, line.arguments()) : answers.get(command);
            Duration delay = delays.get(command);
            if (delay != null) {
                try {
                    Thread.sleep(delay.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            connection.sendLine(QmpScript.replyTo(line, answer != null ? "{\"return\": " + answer + "}"
                    : QmpScript.errorJson(claimCommand(command) ? claims.lastErrorClass() : "CommandNotFound",
                            "The command " + command + " has not been found")));
            Reaction reaction = reactions.get(command);
            if (reaction != null) {
                reaction.after(this, connection);
            }
        }
    }

    private void flushEvents(ScriptedConnection connection) throws IOException {
        String event;
        while ((event = outbox.poll()) != null) {
            connection.sendLine(event);
        }
    }

    @Override
    public String toString() {
        return "scripted " + mode + " at " + server.endpoint().text();
    }
}
