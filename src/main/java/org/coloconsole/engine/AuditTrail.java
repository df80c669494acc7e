package org.coloconsole.engine;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import org.coloconsole.colo.Side;
import org.coloconsole.qmp.QmpEvent;

/**
 * Where the app writes what must survive a crash. The journal implements it; tests keep it in memory. Operator
 * actions go through {@link #durable}, which returns only once the record is on disk.
 */
public interface AuditTrail extends AutoCloseable {

    /** A raw QEMU event with the console's receive time and QEMU's time. */
    void event(Side side, QmpEvent event);

    /** A fact of consequence: a state change, a recommendation change, a gap. */
    void record(AuditKind kind, Side side, Instant at, Map<String, Object> fields);

    /**
     * An operator action record (intent, step, outcome); on disk when this returns.
     *
     * @throws IOException when it could not be made durable: the action must then not go ahead
     */
    void durable(AuditKind kind, Side side, Instant at, Map<String, Object> fields) throws IOException;

    /** Whether the trail is writing now, for the status bar and the CLI's stderr; a trail in memory always is. */
    default JournalHealth health() {
        return JournalHealth.writing();
    }

    /** Where the trail lives, for the status bar. */
    String location();

    @Override
    void close();
}
