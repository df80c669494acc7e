package org.coloconsole.colo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.coloconsole.qmp.QmpEvent;
import org.coloconsole.qmp.QmpTimestamp;
import org.coloconsole.qmp.QmpValue;

/**
 * Feeds lines of a recorded transcript (see {@link #recorded}) through the decoders and the reducer, as the
 * console would see them: events decoded, replies decoded by the command their id belongs to, end of stream as a lost
 * connection. The console's own observations (connect, pings) are not in the transcripts: tests add them.
 */
final class TranscriptReplay {
    private static final Pattern LINE = Pattern.compile(
            "^(\\d\\d:\\d\\d:\\d\\d\\.\\d{3}) \\+ +[0-9.]+s (PRI|SEC) +([<>]) +(.*)$");
    private static final Instant DAY = Instant.parse("2026-11-25T00:00:00Z");

    private final PairReducer reducer = new PairReducer(HeartbeatPolicy.defaults());
    private final Map<String, String> commandsById = new HashMap<>();
    PairState state = PairState.initial("tcp:127.0.0.1:4444", "tcp:127.0.0.1:4445", DAY);
    Instant now = DAY;

    /** Both monitors connected at {@code time}, and the primary's x-checkpoint-delay as the lab sets it. */
    TranscriptReplay connectedAt(String time, Duration checkpointDelay) {
        now = at(time);
        for (Side side : Side.values()) {
            apply(new Observation.Connected(side, now, "7.2.22", false));
            apply(new Observation.PingOk(side, now, Duration.ofNanos(150_000)));
            // the console's own re-read after connecting is not in the recordings: it is taken as done
            apply(new Observation.Resynced(side, now));
        }
        return apply(new Observation.CheckpointDelayPolled(Side.PRIMARY, now, checkpointDelay));
    }

    /** A transcript recorded on a real pair, from the test resources {@code org/coloconsole/colo/transcripts/}. */
    static String recorded(String name) throws java.io.IOException {
        try (java.io.InputStream in = TranscriptReplay.class.getResourceAsStream("transcripts/" + name)) {
            if (in == null) {
                throw new java.io.FileNotFoundException("no recorded transcript " + name);
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    TranscriptReplay apply(Observation o) {
        state = reducer.reduce(state, o);
        return this;
    }

    TranscriptReplay at(String time, java.util.function.Function<Instant, Observation> observation) {
        now = at(time);
        return apply(observation.apply(now));
    }

    TranscriptReplay replay(String lines) {
        for (String line : lines.split("\n")) {
            Matcher m = LINE.matcher(line.strip());
            if (!m.matches()) {
                continue; // comments (# >>> kill ...) and blank lines
            }
            now = at(m.group(1));
            Side side = "PRI".equals(m.group(2)) ? Side.PRIMARY : Side.SECONDARY;
            String text = m.group(4);
            if (">".equals(m.group(3))) {
                QmpValue sent = QmpValue.parse(text);
                commandsById.put(sent.string("id").orElseThrow(), sent.string("execute").orElseThrow());
            } else if (text.startsWith("<EOF")) {
                apply(new Observation.Lost(side, now, "the connection closed"));
            } else {
                received(side, QmpValue.parse(text), text);
            }
        }
        return this;
    }

    private void received(Side side, QmpValue message, String raw) {
        if (message.string("event").isPresent()) {
            QmpValue ts = message.get("timestamp");
            QmpEvent event = new QmpEvent(message.string("event").get(), message.get("data"),
                    new QmpTimestamp(ts.integer("seconds").orElse(-1), ts.integer("microseconds").orElse(-1)),
                    now, 0, raw);
            apply(EventDecoder.decode(side, event));
        } else if (!message.get("return").isMissing()) {
            String command = commandsById.get(message.string("id").orElse(""));
            if (command != null) {
                PollDecoder.decode(side, now, command, message.get("return")).ifPresent(this::apply);
            }
        }
    }

    Recommendation recommendation() {
        return Recommender.recommend(state, now);
    }

    static Instant at(String time) {
        return LocalTime.parse(time).atDate(DAY.atZone(ZoneOffset.UTC).toLocalDate()).toInstant(ZoneOffset.UTC);
    }
}
