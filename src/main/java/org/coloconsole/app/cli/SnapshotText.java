package org.coloconsole.app.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.coloconsole.colo.PairSnapshot;
import org.coloconsole.colo.Recommendation;
import org.coloconsole.colo.Side;
import org.coloconsole.colo.SideState;
import org.coloconsole.engine.LogEntry;
import org.coloconsole.qmp.QmpValue;

/** How the CLI writes a pair and a log row: columns for people, one JSON object per line for programs. */
final class SnapshotText {
    private SnapshotText() {
    }

    static List<String> lines(PairSnapshot snapshot) {
        List<String> lines = new ArrayList<>();
        for (Side side : Side.values()) {
            lines.add(line(snapshot.state().side(side)));
        }
        Recommendation r = snapshot.recommendation();
        lines.add("Recommendation: " + r.kind() + " — " + r.headline());
        for (String reason : r.reasons()) {
            lines.add("  - " + reason);
        }
        // why a side is down is quoted in the recommendation: name the flag that would change it
        return lines.stream().map(FlagHints::add).toList();
    }

    static String line(SideState s) {
        String rtt = s.heartbeat().lastRoundTrip().map(d -> " (" + d.toNanos() / 1000 + " µs)").orElse("");
        String exit = s.lastExit().map(e -> "  COLO_EXIT " + e.mode().raw() + "/" + e.reason().raw()
                + e.error().map(x -> ": " + x).orElse("")).orElse("");
        String history = s.reportsColoHistory() ? " (last " + s.lastMode().map(Object::toString).orElse("-")
                + ", reason " + s.reason().raw() + ")" : "";
        return String.format("%-9s %-34s %-15s heartbeat %-12s %-8s colo %s%s  migration %s%s%s",
                s.side().label(), s.endpoint(), s.connection().name().toLowerCase(),
                s.heartbeat().status() + rtt, s.runState(), s.coloMode().raw(), history, s.migrationStatus(), exit,
                s.fenced() ? "  FENCED" : "");
    }

    /** The first line of a pair's text: which pair this is. */
    static String header(String pairName) {
        return "Pair: " + pairName;
    }

    static String json(PairSnapshot snapshot, String pairName) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("pair", pairName);
        map.put("at", snapshot.at().toString());
        for (Side side : Side.values()) {
            SideState s = snapshot.state().side(side);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("endpoint", s.endpoint());
            m.put("connection", s.connection().name());
            m.put("heartbeat", s.heartbeat().status().name());
            s.heartbeat().lastRoundTrip().ifPresent(d -> m.put("rtt-us", d.toNanos() / 1000));
            m.put("run-state", s.runState());
            m.put("colo-mode", s.coloMode().raw());
            m.put("colo-last-mode", s.lastMode().map(Object::toString).orElse(null));
            m.put("colo-reason", s.reason().raw());
            s.lastExit().ifPresent(e -> m.put("colo-exit", e.mode().raw() + "/" + e.reason().raw()));
            m.put("migration", s.migrationStatus());
            m.put("fenced", s.fenced());
            map.put(side.label(), m);
        }
        Recommendation r = snapshot.recommendation();
        map.put("recommendation", r.kind().name());
        r.target().ifPresent(t -> map.put("target", t.label()));
        map.put("headline", r.headline());
        map.put("reasons", r.reasons());
        return QmpValue.of(map).toJson();
    }

    static String line(LogEntry e) {
        return FlagHints.add(String.format("%s %-9s %s", e.receivedAt(), e.side().orElse("console"), e.summary()));
    }

    static String json(LogEntry e) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("seq", e.sequence());
        map.put("at", e.receivedAt().toString());
        e.qemuTime().ifPresent(t -> map.put("qemu-time", t.toString()));
        map.put("side", e.side().orElse(null));
        map.put("name", e.name());
        map.put("summary", e.summary());
        map.put("severity", e.severity().name());
        if (!e.rawJson().isEmpty()) {
            map.put("raw", QmpValue.parse(e.rawJson()).toPlain());
        }
        return QmpValue.of(map).toJson();
    }
}
