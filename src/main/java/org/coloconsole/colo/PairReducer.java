package org.coloconsole.colo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The one place a {@link PairState} changes: {@code reduce(state, observation) → state}. Pure. */
public final class PairReducer {
    private final HeartbeatPolicy policy;

    public PairReducer(HeartbeatPolicy policy) {
        this.policy = policy;
    }

    public PairState reduce(PairState state, Observation o) {
        if (o instanceof Observation.FailoverStarted
                || o instanceof Observation.FailoverSucceeded
                || o instanceof Observation.FailoverFailed
                || o instanceof Observation.FailoverAbandoned
                || o instanceof Observation.AbandonedFailoverCleared) {
            return AbandonedFailover.reduce(state, o).orElseGet(() -> reduceFailover(state, o));
        }
        SideState before = state.side(o.side());
        SideState after = reduceSide(before, o);
        PairState next = after == before ? state : state.with(after);
        return reprotectedIfBothBackInColo(next, o);
    }

    private SideState reduceSide(SideState s, Observation o) {
        SideState.Builder b = s.toBuilder();
        Instant at = o.at();
        if (o instanceof Observation.Attempting) {
            if (s.connection() == ConnectionStatus.NEVER_CONNECTED) {
                b.connection(ConnectionStatus.CONNECTING, at, "");
            }
        } else if (o instanceof Observation.Connected c) {
            b.connection(ConnectionStatus.CONNECTED, at, "");
            b.qemuVersion = Optional.of(c.qemuVersion());
            b.heartbeat = s.heartbeat().withStatus(HeartbeatStatus.HEALTHY, at);
            if (c.reconnect()) {
                Instant from = s.connection() == ConnectionStatus.CONNECTED ? at : s.connectionSince();
                b.gap = Optional.of(new Gap(from, at, false));
            }
        } else if (o instanceof Observation.ConnectFailed f && f.reason() == ConnectFailure.REJECTED) {
            // the full sentence: it names the file or setting to fix, and the card shows it
            b.connection(ConnectionStatus.REJECTED, at, f.sentence());
            b.heartbeat = s.heartbeat().withStatus(HeartbeatStatus.UNKNOWN, at);
        } else if (o instanceof Observation.ConnectFailed f) {
            b.connection(s.connection() == ConnectionStatus.NEVER_CONNECTED || s.connection() == ConnectionStatus.CONNECTING
                    ? ConnectionStatus.CONNECTING : ConnectionStatus.DISCONNECTED, at,
                    DeathEvidence.cause(f.socket(), f));
            b.heartbeat = s.heartbeat().withStatus(DeathEvidence.afterConnectFailed(f.socket(), f.reason()), at);
        } else if (o instanceof Observation.Lost l) {
            // the banner needs the cause in a few words; the full sentence is in the log and the journal
            b.connection(ConnectionStatus.DISCONNECTED, at, DeathEvidence.cause(l.socket(), l));
            b.synced = false;
            DeathEvidence.afterLost(l.socket(), l.why()).ifPresent(status ->
                    b.heartbeat = s.heartbeat().withStatus(status, at));
        } else if (o instanceof Observation.Resynced) {
            b.gap = s.gap().map(g -> new Gap(g.from(), g.until(), true));
            b.synced = true;
        } else if (o instanceof Observation.PingOk p) {
            if (s.connection() == ConnectionStatus.CONNECTED) {
                b.heartbeat = s.heartbeat().ok(p.roundTrip(), at, policy);
            }
        } else if (o instanceof Observation.PingMissed m) {
            if (s.connection() == ConnectionStatus.CONNECTED) {
                b.heartbeat = s.heartbeat().missed(m.consecutive(), at, policy);
            }
        } else {
            reduceQemu(s, b, o);
        }
        SideState next = b.build();
        return next.equals(s) ? s : next;
    }

    /** What QEMU itself reported: events and poll answers. */
    private void reduceQemu(SideState s, SideState.Builder b, Observation o) {
        Instant at = o.at();
        if (o instanceof Observation.ColoExit e) {
            b.lastExit = Optional.of(e);
            if (e.reason().is(ColoExitReason.REQUEST)) {
                // what query-colo-status reads after a requested exit; the event is all a watcher gets
                b.lastMode = Optional.of(e.mode());
                b.coloMode = ColoMode.NONE_TAG;
                b.reason = e.reason();
            }
        } else if (o instanceof Observation.Stopped) {
            b.running = Optional.of(false);
            b.runState = s.inColo() && s.lastExit().isEmpty() ? "colo" : "paused";
            markCheckpoint(s, b, at);
        } else if (o instanceof Observation.Resumed) {
            b.running = Optional.of(true);
            b.runState = "running";
            markCheckpoint(s, b, at);
            // in COLO each checkpoint ends in exactly one RESUME per side: count those, not STOP or MIGRATION_PASS
            if (s.checkpointing()) {
                b.recentCheckpoints = countCheckpoint(s.recentCheckpoints(), at);
            }
        } else if (o instanceof Observation.MigrationPass) {
            markCheckpoint(s, b, at);
        } else if (o instanceof Observation.Shutdown sh) {
            b.running = Optional.of(false);
            b.runState = "shutdown";
        } else if (o instanceof Observation.MigrationChanged m) {
            b.migrationStatus = m.status();
            if (!"colo".equals(m.status())) {
                // figures of a replication that is over would read as current: they go with it
                b.lastCheckpointFigures = Optional.empty();
            }
        } else if (o instanceof Observation.JobStatusChanged || o instanceof Observation.JobsPolled
                || o instanceof Observation.BlockJobEvent) {
            b.jobs = JobsReducer.reduce(s.jobs(), o);
        } else if (o instanceof Observation.StatusPolled p) {
            b.running = p.running();
            b.runState = p.status();
        } else if (o instanceof Observation.ColoStatusPolled c) {
            b.coloMode = c.mode();
            b.lastMode = c.lastMode();
            b.reason = c.reason();
            // mode none and last-mode none: this process was never in COLO, so a kept COLO_EXIT came from an
            // earlier process on the same socket (killed, then restarted) and no longer describes this side
            boolean neverInColo = c.mode().is(ColoMode.NONE) && c.lastMode().map(m -> m.is(ColoMode.NONE)).orElse(false);
            if (neverInColo) {
                b.lastExit = Optional.empty();
            }
        } else if (o instanceof Observation.MigratePolled m) {
            b.migrationStatus = m.status();
            // figures of a replication that is over would read as current: they go with it
            b.lastCheckpointFigures = m.lastCheckpoint();
        } else if (o instanceof Observation.VersionPolled v) {
            b.qemuVersion = Optional.of(v.version());
        } else if (o instanceof Observation.NamePolled n) {
            b.vmName = n.name();
        } else if (o instanceof Observation.ClaimPolled c) {
            b.claim = c.claim();
        } else if (o instanceof Observation.CheckpointDelayPolled d) {
            b.checkpointDelay = Optional.of(d.delay());
        } else if (o instanceof Observation.ColoSupportChecked c) {
            b.coloSupport = Optional.of(c.support());
        } else if (o instanceof Observation.TopologyDiscovered t) {
            b.topology = Optional.of(t.topology());
        } else if (o instanceof Observation.ProbeConfigured p) {
            b.service = new ServiceWatch(p.probe(), Optional.empty());
        } else if (o instanceof Observation.ServiceProbed p) {
            // a result for a probe no longer configured is dropped: it says nothing about what is watched now
            if (s.service().probe().isPresent()) {
                b.service = new ServiceWatch(s.service().probe(), Optional.of(p.result()));
            }
        } else if (o instanceof Observation.Fenced) {
            b.fenced = true;
            b.running = Optional.of(false);
        }
        // Reset, OtherEvent, PollFailed: journaled and logged, nothing in the state depends on them
    }

    private static void markCheckpoint(SideState s, SideState.Builder b, Instant at) {
        // the secondary's query-migrate may read "completed" while it replicates: its COLO mode is the better sign
        if ((s.inColo() || "colo".equals(s.migrationStatus())) && s.lastExit().isEmpty()) {
            b.lastCheckpointAt = Optional.of(at);
        }
    }

    /** The checkpoints of the last minute, this one added: older ones fall out, so the list stays small. */
    private static List<Instant> countCheckpoint(List<Instant> recent, Instant at) {
        Instant from = at.minus(SideState.CHECKPOINT_WINDOW);
        List<Instant> next = new ArrayList<>(recent.size() + 1);
        for (Instant t : recent) {
            if (t.isAfter(from)) {
                next.add(t);
            }
        }
        next.add(at);
        return next;
    }

    private static PairState reduceFailover(PairState state, Observation o) {
        Side target = o.side();
        if (o instanceof Observation.FailoverStarted) {
            return state.with(new FailoverProgress(FailoverProgress.Phase.RUNNING, Optional.of(target),
                    "failing over to the " + target.label(), o.at()));
        }
        if (o instanceof Observation.FailoverSucceeded) {
            // the decision is made: the other side's "waiting after error" is answered
            SideState other = state.side(target.other());
            SideState.Builder b = other.toBuilder();
            b.lastExit = Optional.empty();
            return state.with(b.build()).with(new FailoverProgress(FailoverProgress.Phase.SUCCEEDED,
                    Optional.of(target), "the " + target.label() + " carries on alone", o.at()));
        }
        Observation.FailoverFailed f = (Observation.FailoverFailed) o;
        return state.with(new FailoverProgress(FailoverProgress.Phase.FAILED, Optional.of(target), f.sentence(),
                o.at()));
    }

    /**
     * After re-protection (both sides in COLO again, seen by MIGRATION colo), a new failover may happen. The failover
     * before it is this console's own, or one a console opened later read from the survivor's polls (mode none after
     * a request): its "took over" would otherwise outlive the new COLO and call the new secondary's guest a second one.
     */
    private static PairState reprotectedIfBothBackInColo(PairState state, Observation o) {
        boolean failedOver = state.failover().phase() == FailoverProgress.Phase.SUCCEEDED
                || state.primary().tookOver() || state.secondary().tookOver();
        if (!(o instanceof Observation.MigrationChanged m) || !"colo".equals(m.status()) || !failedOver) {
            return state;
        }
        if (!"colo".equals(state.primary().migrationStatus()) || !"colo".equals(state.secondary().migrationStatus())) {
            return state;
        }
        PairState next = state;
        for (Side side : Side.values()) {
            SideState.Builder b = state.side(side).toBuilder();
            b.fenced = false;
            b.lastExit = Optional.empty();
            b.coloMode = new Tag<>(side == Side.PRIMARY ? ColoMode.PRIMARY : ColoMode.SECONDARY, side.label());
            b.reason = ColoExitReason.NONE_TAG;
            next = next.with(b.build());
        }
        return next.with(FailoverProgress.none(o.at()));
    }
}
