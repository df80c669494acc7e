package org.coloconsole.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.coloconsole.colo.ColoSupport;
import org.coloconsole.colo.HeartbeatStatus;
import org.coloconsole.colo.ServiceStatus;
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

    /** A field of a side's state whose change is of consequence; its journal name is its name in lower case. */
    enum Field {
        CONNECTION, HEARTBEAT, RUN_STATE, COLO_MODE, COLO_LAST_MODE, COLO_REASON, COLO_EXIT, MIGRATION, FENCED,
        COLO_SUPPORT, GAP, TOPOLOGY, SERVICE;

        private final String wireName = name().toLowerCase(Locale.ROOT).replace('_', '-');

        String wireName() {
            return wireName;
        }

        /** The log leaves out run-state lines: the journal keeps them, and the cards show the run state. */
        boolean logged() {
            return this != RUN_STATE;
        }
    }

    /** One changed field, with how much it matters to an operator. */
    record Change(Side side, Field field, String from, String to, LogEntry.Severity severity) {
        Map<String, Object> fields() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("field", field.wireName());
            map.put("from", from);
            map.put("to", to);
            return map;
        }
    }

    static List<Change> between(SideState before, SideState after) {
        List<Change> changes = new ArrayList<>();
        Side side = after.side();
        HeartbeatStatus beat = after.heartbeat().status();
        add(changes, side, Field.CONNECTION, before.connection(), after.connection(), LogEntry.Severity.INFO);
        add(changes, side, Field.HEARTBEAT, before.heartbeat().status(), beat, severityOf(beat));
        // in COLO every checkpoint stops and starts the guest: the journal has those STOP and RESUME events verbatim,
        // so a state line for each would only double the journal under a storm
        if (!(before.checkpointing() && after.checkpointing())) {
            add(changes, side, Field.RUN_STATE, before.runState(), after.runState(), LogEntry.Severity.INFO);
        }
        add(changes, side, Field.COLO_MODE, before.coloMode().raw(), after.coloMode().raw(), LogEntry.Severity.INFO);
        add(changes, side, Field.COLO_LAST_MODE, before.lastMode().map(Object::toString).orElse(""),
                after.lastMode().map(Object::toString).orElse(""), LogEntry.Severity.INFO);
        add(changes, side, Field.COLO_REASON, before.reason().raw(), after.reason().raw(), LogEntry.Severity.INFO);
        add(changes, side, Field.COLO_EXIT, before.lastExit().map(e -> e.mode().raw() + "/" + e.reason().raw())
                .orElse(""), after.lastExit().map(e -> e.mode().raw() + "/" + e.reason().raw()).orElse(""),
                LogEntry.Severity.INFO);
        add(changes, side, Field.MIGRATION, before.migrationStatus(), after.migrationStatus(), LogEntry.Severity.INFO);
        add(changes, side, Field.FENCED, before.fenced(), after.fenced(), LogEntry.Severity.WARNING);
        // a QEMU that lacks what the runbook sends is worth a warning: the interlock will refuse that failover
        add(changes, side, Field.COLO_SUPPORT, before.coloSupport().map(ColoSupport::summary).orElse(""),
                after.coloSupport().map(ColoSupport::summary).orElse(""),
                after.coloSupport().map(ColoSupport::ok).orElse(true) ? LogEntry.Severity.INFO : LogEntry.Severity.WARNING);
        add(changes, side, Field.GAP, before.gap().map(Object::toString).orElse(""),
                after.gap().map(Object::toString).orElse(""), LogEntry.Severity.WARNING);
        // what the side is made of, and the parts it lacks: a change here is a runbook's work or an operator's
        add(changes, side, Field.TOPOLOGY, topologyText(before), topologyText(after),
                after.topologyWarnings().isEmpty() ? LogEntry.Severity.INFO : LogEntry.Severity.WARNING);
        // the verdict, not each probe's figures: a probe every few seconds must not fill the journal
        ServiceStatus.Kind service = ServiceStatus.of(after).kind();
        add(changes, side, Field.SERVICE, ServiceStatus.of(before).kind(), service,
                service == ServiceStatus.Kind.FAILS ? LogEntry.Severity.WARNING : LogEntry.Severity.INFO);
        return changes;
    }

    private static String topologyText(SideState s) {
        return s.topology().map(t -> t.summary() + s.topologyWarnings().stream()
                .map(w -> "; lacks: " + w.sentence()).collect(Collectors.joining())).orElse("");
    }

    /** A side that stops answering needs the operator now; a slow one soon. */
    private static LogEntry.Severity severityOf(HeartbeatStatus status) {
        return switch (status) {
            case LOST, UNRESPONSIVE, UNREACHABLE -> LogEntry.Severity.CRITICAL;
            case SLOW -> LogEntry.Severity.WARNING;
            case UNKNOWN, HEALTHY -> LogEntry.Severity.INFO;
        };
    }

    private static void add(List<Change> changes, Side side, Field field, Object from, Object to,
                            LogEntry.Severity severity) {
        if (!Objects.equals(from, to)) {
            changes.add(new Change(side, field, String.valueOf(from), String.valueOf(to), severity));
        }
    }
}
