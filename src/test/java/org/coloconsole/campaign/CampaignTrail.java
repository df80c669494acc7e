package org.coloconsole.campaign;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;
import org.coloconsole.colo.Side;
import org.coloconsole.engine.AuditKind;
import org.coloconsole.engine.AuditTrail;
import org.coloconsole.qmp.QmpEvent;

/**
 * An audit trail in memory whose records carry the campaign's sequence number, the same counter the simulated QEMUs
 * stamp received commands with: so "the intent was on disk before the first command" can be checked, not assumed.
 */
final class CampaignTrail implements AuditTrail {
    record Entry(String kind, Side side, long seq, Map<String, Object> fields, boolean durable) {
    }

    private final LongSupplier sequence;
    final List<Entry> entries = new CopyOnWriteArrayList<>();

    CampaignTrail(LongSupplier sequence) {
        this.sequence = sequence;
    }

    @Override
    public void event(Side side, QmpEvent event) {
        entries.add(new Entry("event", side, sequence.getAsLong(), Map.of("event", event.name()), false));
    }

    @Override
    public void record(AuditKind kind, Side side, Instant at, Map<String, Object> fields) {
        entries.add(new Entry(kind.what(), side, sequence.getAsLong(), Map.copyOf(fields), false));
    }

    @Override
    public void durable(AuditKind kind, Side side, Instant at, Map<String, Object> fields) {
        entries.add(new Entry(kind.what(), side, sequence.getAsLong(), Map.copyOf(fields), true));
    }

    List<Entry> ofKind(String kind) {
        return entries.stream().filter(e -> e.kind().equals(kind)).toList();
    }

    @Override
    public String location() {
        return "campaign memory";
    }

    @Override
    public void close() {
    }
}
