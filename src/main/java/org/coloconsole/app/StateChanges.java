package org.coloconsole.app;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.coloconsole.colo.ColoSupport;
import org.coloconsole.colo.Side;
import org.coloconsole.colo.SideState;

/**
 * The changes of consequence between two states of a side — what the journal keeps and the log shows. Pings that
 * merely succeed again, or a new round trip, are not changes of consequence; nor is the run state a checkpoint
 * flips.
 */
final class StateChanges {
    private StateChanges() {
    }

    /** One changed field. */
    record Change(Side side, String field, String from, String to) {
        Map<String, Object> fields() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("field", field);
            map.put("from", from);
            map.put("to", to);
            return map;
        }
    }

    static List<Change> between(SideState before, SideState after) {
        List<Change> changes = new ArrayList<>();
        Side side = after.side();
        add(changes, side, "connection", before.connection(), after.connection());
        add(changes, side, "heartbeat", before.heartbeat().status(), after.heartbeat().status());
        // in COLO every checkpoint stops and starts the guest: the journal has those STOP and RESUME events verbatim,
        // so a state line for each would only double the journal under a storm
        if (!(before.checkpointing() && after.checkpointing())) {
            add(changes, side, "run-state", before.runState(), after.runState());
        }
        add(changes, side, "colo-mode", before.coloMode().raw(), after.coloMode().raw());
        add(changes, side, "colo-last-mode", before.lastMode().map(Object::toString).orElse(""),
                after.lastMode().map(Object::toString).orElse(""));
        add(changes, side, "colo-reason", before.reason().raw(), after.reason().raw());
        add(changes, side, "colo-exit", before.lastExit().map(e -> e.mode().raw() + "/" + e.reason().raw()).orElse(""),
                after.lastExit().map(e -> e.mode().raw() + "/" + e.reason().raw()).orElse(""));
        add(changes, side, "migration", before.migrationStatus(), after.migrationStatus());
        add(changes, side, "fenced", before.fenced(), after.fenced());
        add(changes, side, "colo-support", before.coloSupport().map(ColoSupport::summary).orElse(""),
                after.coloSupport().map(ColoSupport::summary).orElse(""));
        add(changes, side, "gap", before.gap().map(Object::toString).orElse(""),
                after.gap().map(Object::toString).orElse(""));
        return changes;
    }

    private static void add(List<Change> changes, Side side, String field, Object from, Object to) {
        if (!Objects.equals(from, to)) {
            changes.add(new Change(side, field, String.valueOf(from), String.valueOf(to)));
        }
    }
}
