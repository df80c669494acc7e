package org.coloconsole.engine;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.coloconsole.colo.Side;
import org.coloconsole.qmp.QmpEvent;

/** An audit trail kept in memory, so tests can read what the console would have journaled. */
class MemoryAuditTrail implements AuditTrail {
    /** One record as it would be written. */
    record Entry(String kind, Side side, Instant at, Map<String, Object> fields, boolean durable) {
    }

    final List<Entry> entries = new CopyOnWriteArrayList<>();

    @Override
    public void event(Side side, QmpEvent event) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("event", event.name());
        entries.add(new Entry("event", side, event.receivedAt(), fields, false));
    }

    @Override
    public void record(AuditKind kind, Side side, Instant at, Map<String, Object> fields) {
        entries.add(new Entry(kind.what(), side, at, Map.copyOf(fields), false));
    }

    @Override
    public void durable(AuditKind kind, Side side, Instant at, Map<String, Object> fields) {
        entries.add(new Entry(kind.what(), side, at, Map.copyOf(fields), true));
    }

    List<Entry> ofKind(String kind) {
        return entries.stream().filter(e -> e.kind().equals(kind)).toList();
    }

    @Override
    public String location() {
        return "memory";
    }

    @Override
    public void close() {
    }
}
