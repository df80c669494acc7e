package org.coloconsole.ui.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.coloconsole.colo.ColoExitReason;
import org.coloconsole.colo.ColoMode;
import org.coloconsole.colo.HeartbeatPolicy;
import org.coloconsole.colo.Job;
import org.coloconsole.colo.JobStatus;
import org.coloconsole.colo.Observation;
import org.coloconsole.colo.PairReducer;
import org.coloconsole.colo.PairState;
import org.coloconsole.colo.Side;
import org.coloconsole.colo.Tag;

/** Pair states built the way the engine builds them: observations through the real reducer. */
final class Pairs {
    static final Instant AT = Instant.parse("2026-11-25T20:00:00Z");
    private final PairReducer reducer = new PairReducer(HeartbeatPolicy.defaults());
    private PairState state = PairState.initial("unix:/p.sock", "unix:/s.sock", AT);

    /** Both sides connected, answering, in COLO. */
    static Pairs protectedPair() {
        Pairs pairs = new Pairs();
        for (Side side : Side.values()) {
            pairs.apply(new Observation.Connected(side, AT, "7.2.22", false));
            pairs.apply(new Observation.PingOk(side, AT, Duration.ofNanos(420_000)));
            pairs.apply(new Observation.StatusPolled(side, AT, true, "running"));
            Tag<ColoMode> mode = Tag.of(ColoMode.class, side == Side.PRIMARY ? "primary" : "secondary");
            pairs.apply(new Observation.ColoStatusPolled(side, AT, mode, Optional.of(mode),
                    Tag.of(ColoExitReason.class, "none")));
            pairs.apply(new Observation.JobsPolled(side, AT, "query-jobs", List.of()));
            pairs.apply(new Observation.Resynced(side, AT));
        }
        return pairs;
    }

    static Job job(String id, String type, String status, long current, long total) {
        return new Job(id, type, JobStatus.tag(status), current, total, Optional.empty());
    }

    Pairs jobs(Side side, Job... jobs) {
        return apply(new Observation.JobsPolled(side, AT, "query-jobs", List.of(jobs)));
    }

    Pairs apply(Observation o) {
        state = reducer.reduce(state, o);
        return this;
    }

    PairState state() {
        return state;
    }
}
