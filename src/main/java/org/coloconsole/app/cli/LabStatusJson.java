package org.coloconsole.app.cli;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.coloconsole.app.lab.CheckpointSample;
import org.coloconsole.app.lab.LabSide;
import org.coloconsole.app.lab.LabState;
import org.coloconsole.app.lab.LabStatus;
import org.coloconsole.qmp.QmpValue;

/** {@code lab status --json}: one object, for scripts. */
final class LabStatusJson {
    private LabStatusJson() {
    }

    static String of(LabStatus status, Optional<CheckpointSample> sample) {
        LabState state = status.state();
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("run-dir", state.runDir().toString());
        map.put("kind", state.kind().name().toLowerCase(Locale.ROOT));
        map.put("started-at", state.startedAt().toString());
        map.put("accelerator", state.accelerator().name());
        map.put("tcg-workaround", state.tcgWorkaround().name());
        map.put("checkpoint-delay-ms", state.checkpointDelay().toMillis());
        sample.ifPresent(s -> {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("count", s.checkpoints());
            c.put("watched-ms", s.watched().toMillis());
            c.put("per-minute", Math.round(s.perMinute()));
            s.medianPause().ifPresent(p -> c.put("median-pause-ms", p.toMillis()));
            s.longestPause().ifPresent(p -> c.put("longest-pause-ms", p.toMillis()));
            map.put("checkpoints", c);
        });
        for (LabSide side : LabSide.values()) {
            LabState.SideState s = state.side(side);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("running", status.isRunning(side));
            m.put("pid", s.pid());
            m.put("console", s.console().text());
            m.put("harness", s.harness().text());
            s.serviceUrl().ifPresent(url -> m.put("guest", url));
            map.put(side.label(), m);
        }
        return QmpValue.of(map).toJson();
    }
}
