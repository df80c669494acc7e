package org.coloconsole.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link ScriptedQmpServer} does on one connection, step by step. Immutable: each method returns a longer
 * script, so a common prefix (e.g. {@link #negotiated()}) can be shared.
 *
 * <pre>{@code
 * QmpScript.negotiated()
 *     .expect("query-status").reply("{\"status\": \"running\", \"running\": true}")
 *     .event("STOP", null)
 *     .expect("stop").hang();
 * }</pre>
 */
public final class QmpScript {
    /** How long {@link #expect} waits for the client's line unless told otherwise. */
    public static final Duration DEFAULT_EXPECT = Duration.ofSeconds(5);

    /** One step; runs on the server's thread. */
    @FunctionalInterface
    public interface Step {
        void run(ScriptedConnection connection) throws Exception;
    }

    private final List<Step> steps;
    private final List<String> descriptions;

    private QmpScript(List<Step> steps, List<String> descriptions) {
        this.steps = List.copyOf(steps);
        this.descriptions = List.copyOf(descriptions);
    }

    /** A script that does nothing: the connection stays open, silent, capturing what the client sends. */
    public static QmpScript empty() {
        return new QmpScript(List.of(), List.of());
    }

    /** QEMU 7.2's greeting, then {@code qmp_capabilities} expected and answered with {@code {}}. */
    public static QmpScript negotiated() {
        return empty().greet().expect("qmp_capabilities").reply("{}");
    }

    public QmpScript then(String description, Step step) {
        List<Step> s = new ArrayList<>(steps);
        List<String> d = new ArrayList<>(descriptions);
        s.add(Objects.requireNonNull(step));
        d.add(description);
        return new QmpScript(s, d);
    }

    /** Sends QEMU 7.2's greeting. */
    public QmpScript greet() {
        return send(ScriptedQmpServer.QEMU_72_GREETING);
    }

    /** Sends one line ({@code json} plus CRLF, as QEMU ends its lines). */
    public QmpScript send(String json) {
        return then("send " + json, c -> c.sendLine(json));
    }

    /** Sends these bytes as they are: garbage, invalid UTF-8, half a line, a custom greeting without line end. */
    public QmpScript sendRaw(byte[] bytes) {
        byte[] copy = bytes.clone();
        return then("send " + copy.length + " raw bytes", c -> c.sendRaw(copy));
    }

    public QmpScript sendRaw(String text) {
        return sendRaw(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends one line of {@code bytes} 'x' characters (plus CRLF): longer than a client's line limit. */
    public QmpScript sendLongLine(int bytes) {
        return then("send a line of " + bytes + " bytes", c -> c.sendRaw(longLine(bytes)));
    }

    /** Sends an event with a fixed known timestamp; {@code dataJson} may be null (no {@code data} member). */
    public QmpScript event(String name, String dataJson) {
        return send(eventLine(name, dataJson));
    }

    /** Waits (up to {@link #DEFAULT_EXPECT}) for the client's next line, which must name {@code command}. */
    public QmpScript expect(String command) {
        return expect(command, DEFAULT_EXPECT);
    }

    public QmpScript expect(String command, Duration timeout) {
        return then("expect " + command, c -> c.expect(command, timeout));
    }

    /** Waits for the client's next line, whatever it is. */
    public QmpScript expectAnyLine() {
        return then("expect a line", c -> c.nextLine(DEFAULT_EXPECT));
    }

    /** Replies {@code {"return": returnJson, "id": <id of the last line captured>}}. */
    public QmpScript reply(String returnJson) {
        return then("reply " + returnJson, c -> c.sendLine(replyTo(c.last(), "{\"return\": " + returnJson + "}")));
    }

    /** Replies with an error of this class to the last line captured, with its id. */
    public QmpScript replyError(String errorClass, String description) {
        return then("reply error " + errorClass, c -> c.sendLine(replyTo(c.last(), errorJson(errorClass, description))));
    }

    /** Replies {@code body} (a JSON object, e.g. {@code {"return": {}}}) to the {@code index}-th captured line. */
    public QmpScript replyTo(int index, String body) {
        return then("reply to line " + index, c -> c.sendLine(replyTo(c.captured().get(index), body)));
    }

    public QmpScript sleep(Duration duration) {
        return then("sleep " + duration.toMillis() + " ms", c -> Thread.sleep(duration.toMillis()));
    }

    /** Never answers again: keeps reading and capturing until the client or the server closes. */
    public QmpScript hang() {
        return then("hang", ScriptedConnection::drainUntilClosed);
    }

    /** Closes the connection in an orderly way (FIN). */
    public QmpScript close() {
        return then("close", ScriptedConnection::closeQuietly);
    }

    /** Closes the connection at once: RST on TCP (linger 0), a plain close on a UNIX socket. */
    public QmpScript closeAbruptly() {
        return then("close abruptly", ScriptedConnection::reset);
    }

    /** Copies {@code captured}'s id into {@code body} (a JSON object), as QEMU does with every reply. */
    public static String replyTo(Captured captured, String body) {
        String trimmed = body.strip();
        if (!trimmed.startsWith("{") || !trimmed.endsWith("}")) {
            throw new IllegalArgumentException("a reply body must be a JSON object, not " + body);
        }
        if (captured.id().isMissing()) {
            return trimmed;
        }
        String inner = trimmed.substring(1, trimmed.length() - 1).strip();
        return "{" + inner + (inner.isEmpty() ? "" : ", ") + "\"id\": " + captured.id().toJson() + "}";
    }

    public static String errorJson(String errorClass, String description) {
        return "{\"error\": {\"class\": \"" + errorClass + "\", \"desc\": \"" + description + "\"}}";
    }

    public static String eventLine(String name, String dataJson) {
        return "{\"timestamp\": {\"seconds\": 1764100000, \"microseconds\": 123456}, \"event\": \"" + name + "\""
                + (dataJson == null ? "" : ", \"data\": " + dataJson) + "}";
    }

    static byte[] longLine(int bytes) {
        byte[] line = new byte[bytes + 2];
        java.util.Arrays.fill(line, 0, bytes, (byte) 'x');
        line[bytes] = '\r';
        line[bytes + 1] = '\n';
        return line;
    }

    List<Step> steps() {
        return steps;
    }

    String describe(int step) {
        return descriptions.get(step);
    }

    @Override
    public String toString() {
        return String.join(", ", descriptions);
    }
}
