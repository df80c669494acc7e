package org.coloconsole.app.cli;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.coloconsole.app.JournalUnavailableException;
import org.coloconsole.engine.AuditTrail;
import org.coloconsole.engine.AuditTrailFactory;
import org.coloconsole.engine.DurableWithin;
import org.coloconsole.engine.SwitchoverOutcome;
import org.coloconsole.qmp.QmpValue;

/** What {@code swap} and {@code lab drill} share: the journal and the report's lines. */
final class SwapSupport {
    /** As a pair session's: a hung disk must not hold a swap for ever. */
    private static final Duration DURABLE_WRITE_LIMIT = Duration.ofSeconds(5);

    private SwapSupport() {
    }

    static AuditTrail journal(AuditTrailFactory trails) throws JournalUnavailableException {
        try {
            return new DurableWithin(trails.open(), DURABLE_WRITE_LIMIT);
        } catch (JournalUnavailableException e) {
            throw e;
        } catch (IOException e) {
            throw new JournalUnavailableException(e);
        }
    }

    /** Each phase's time and the probe's longest gap, one line each, then the whole. */
    static List<String> summary(SwitchoverOutcome outcome) {
        List<String> lines = new ArrayList<>();
        for (SwitchoverOutcome.PhaseTime phase : outcome.phases()) {
            lines.add(String.format("  %-24s %-8s %7d ms   longest probe gap %6d ms", phase.phase().label(),
                    phase.result(), phase.took().toMillis(), phase.service().longest().toMillis()));
        }
        lines.add(String.format("  %-24s %-8s %7d ms   longest probe gap %6d ms", "whole swap",
                outcome.ending(), outcome.total().toMillis(), outcome.service().longest().toMillis()));
        return lines;
    }

    /** One swap as a JSON-ready map (QmpValue writes it). */
    static Map<String, Object> json(SwitchoverOutcome outcome) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("ending", outcome.ending().name());
        map.put("sentence", outcome.sentence());
        map.put("total-ms", outcome.total().toMillis());
        map.put("longest-probe-gap-ms", outcome.service().longest().toMillis());
        map.put("probe-rounds", outcome.service().rounds());
        map.put("both-served-rounds", outcome.service().bothServed());
        outcome.service().firstDisk().ifPresent(d -> map.put("first-disk", d));
        outcome.service().lastDisk().ifPresent(d -> map.put("last-disk", d));
        List<Object> phases = new ArrayList<>();
        for (SwitchoverOutcome.PhaseTime phase : outcome.phases()) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("phase", phase.phase().name());
            p.put("result", phase.result().name());
            p.put("ms", phase.took().toMillis());
            p.put("longest-probe-gap-ms", phase.service().longest().toMillis());
            p.put("sentence", phase.sentence());
            phases.add(p);
        }
        map.put("phases", phases);
        return map;
    }

    static String toJson(Map<String, Object> map) {
        return QmpValue.of(map).toJson();
    }
}
