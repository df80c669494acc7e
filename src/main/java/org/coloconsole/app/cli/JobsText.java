package org.coloconsole.app.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.coloconsole.colo.ColoProtection;
import org.coloconsole.colo.Job;
import org.coloconsole.colo.JobAction;
import org.coloconsole.colo.PairSnapshot;
import org.coloconsole.colo.PairState;
import org.coloconsole.colo.Side;
import org.coloconsole.colo.SideState;
import org.coloconsole.qmp.QmpValue;

/** How the CLI writes both sides' jobs and the COLO protection row: columns for people, one JSON object for programs. */
final class JobsText {
    private static final String ROW = "%-9s %-16s %-8s %-15s %-24s %s";

    private JobsText() {
    }

    static List<String> lines(PairSnapshot snapshot) {
        PairState state = snapshot.state();
        List<String> lines = new ArrayList<>();
        lines.add(String.format(ROW, "SIDE", "ID", "TYPE", "STATUS", "PROGRESS", "ACTIONS").stripTrailing());
        for (Side side : Side.values()) {
            SideState s = state.side(side);
            if (!s.answering()) {
                lines.add(String.format("%-9s (not answering%s; jobs as last read: %d)", side.label(),
                        s.connectionSentence().isEmpty() ? "" : ": " + FlagHints.add(s.connectionSentence()),
                        s.jobs().size()));
            } else if (s.jobs().isEmpty()) {
                lines.add(String.format("%-9s (no jobs)", side.label()));
            }
            for (Job job : s.jobs().values()) {
                lines.add(line(side, job));
            }
        }
        ColoProtection colo = protection(state);
        lines.add(String.format(ROW, "pair", ColoProtection.ID, "colo", colo.status(), "-", colo.sentence()));
        return lines;
    }

    static String line(Side side, Job job) {
        String actions = job.allowedActions().isEmpty() ? "-" : verbs(job);
        String row = String.format(ROW, side.label(), job.id(), job.type(), job.status().raw(), progress(job), actions);
        return job.error().map(e -> row + "  error: " + e).orElse(row);
    }

    static String json(PairSnapshot snapshot) {
        PairState state = snapshot.state();
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("at", snapshot.at().toString());
        for (Side side : Side.values()) {
            SideState s = state.side(side);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("answering", s.answering());
            List<Object> jobs = new ArrayList<>();
            for (Job job : s.jobs().values()) {
                Map<String, Object> j = new LinkedHashMap<>();
                j.put("id", job.id());
                j.put("type", job.type());
                j.put("status", job.status().raw());
                j.put("current-progress", job.currentProgress());
                j.put("total-progress", job.totalProgress());
                job.error().ifPresent(e -> j.put("error", e));
                List<Object> actions = new ArrayList<>();
                job.allowedActions().forEach(a -> actions.add(a.verb()));
                j.put("actions", actions);
                jobs.add(j);
            }
            m.put("jobs", jobs);
            map.put(side.label(), m);
        }
        ColoProtection colo = protection(state);
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("status", colo.status());
        c.put("lifecycle", colo.lifecycle().name());
        c.put("side", colo.side().map(Side::label).orElse(null));
        c.put("sentence", colo.sentence());
        map.put("colo", c);
        return QmpValue.of(map).toJson();
    }

    private static ColoProtection protection(PairState state) {
        return ColoProtection.of(state.primary(), state.secondary(), state.failover());
    }

    private static String progress(Job job) {
        return job.currentProgress() + "/" + job.totalProgress()
                + job.fraction().map(f -> String.format(" (%d%%)", Math.round(f * 100))).orElse("");
    }

    private static String verbs(Job job) {
        List<String> verbs = new ArrayList<>();
        for (JobAction a : job.allowedActions()) {
            verbs.add(a.verb());
        }
        return String.join(",", verbs);
    }
}
