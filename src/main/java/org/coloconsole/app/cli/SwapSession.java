package org.coloconsole.app.cli;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.coloconsole.app.PairSession;
import org.coloconsole.colo.Side;
import org.coloconsole.engine.AuditKind;
import org.coloconsole.engine.AuditTrail;
import org.coloconsole.engine.JournalHealth;
import org.coloconsole.engine.PairConfig;
import org.coloconsole.engine.PairSupervisor;
import org.coloconsole.engine.Switchover;
import org.coloconsole.qmp.QmpEvent;

/**
 * A {@link PairSession} as a switchover uses it: every session of one swap writes to the swap's one journal (opened
 * once by the command), and closing a session twice is harmless (the switchover closes the first pair's session after
 * the promotion, the command again when it ends).
 */
final class SwapSession implements Switchover.Session {
    private final PairSession session;
    private boolean closed;

    private SwapSession(PairSession session) {
        this.session = session;
    }

    static SwapSession open(PairConfig config, AuditTrail shared) throws IOException {
        return new SwapSession(PairSession.open(config, () -> new Shared(shared), Clock.systemUTC()));
    }

    /** Opens sessions on the same journal. */
    static Switchover.Sessions on(AuditTrail shared) {
        return config -> open(config, shared);
    }

    @Override
    public PairSupervisor supervisor() {
        return session.supervisor();
    }

    @Override
    public boolean awaitKnown(Duration limit) throws InterruptedException {
        boolean known = session.awaitKnown(limit);
        session.awaitCheckpointVerdict();
        return known;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            session.close();
        }
    }

    /** The swap's journal, which a session does not close: the command does, once the swap has ended. */
    private record Shared(AuditTrail trail) implements AuditTrail {
        @Override
        public void event(Side side, QmpEvent event) {
            trail.event(side, event);
        }

        @Override
        public void record(AuditKind kind, Side side, Instant at, Map<String, Object> fields) {
            trail.record(kind, side, at, fields);
        }

        @Override
        public void durable(AuditKind kind, Side side, Instant at, Map<String, Object> fields) throws IOException {
            trail.durable(kind, side, at, fields);
        }

        @Override
        public JournalHealth health() {
            return trail.health();
        }

        @Override
        public String location() {
            return trail.location();
        }

        @Override
        public void close() {
            // the command closes the journal itself
        }
    }
}
