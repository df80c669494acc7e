package org.coloconsole.campaign;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import org.coloconsole.colo.Side;
import org.coloconsole.engine.AuditKind;
import org.coloconsole.engine.AuditTrail;
import org.coloconsole.qmp.QmpEvent;

/** Every record to two trails: one the test inspects in memory, and the real journal. Closes neither. */
final class BothTrails implements AuditTrail {
    private final AuditTrail first;
    private final AuditTrail second;

    BothTrails(AuditTrail first, AuditTrail second) {
        this.first = first;
        this.second = second;
    }

    @Override
    public void event(Side side, QmpEvent event) {
        first.event(side, event);
        second.event(side, event);
    }

    @Override
    public void record(AuditKind kind, Side side, Instant at, Map<String, Object> fields) {
        first.record(kind, side, at, fields);
        second.record(kind, side, at, fields);
    }

    @Override
    public void durable(AuditKind kind, Side side, Instant at, Map<String, Object> fields) throws IOException {
        second.durable(kind, side, at, fields);
        first.durable(kind, side, at, fields);
    }

    @Override
    public String location() {
        return second.location();
    }

    @Override
    public void close() {
    }
}
