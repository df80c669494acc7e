package org.coloconsole.colo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which side should carry on, and why — a pure function of the pair's state and the time. The rules follow what a
 * real QEMU 7.2 pair does under each fault (../shared/docs/colo-lab.md): QEMU never notices a frozen peer, sends
 * COLO_EXIT once, and keeps looking healthy to polls afterwards.
 */
public final class Recommender {
    private Recommender() {
    }

    public static Recommendation recommend(PairState pair, Instant now) {
        SideState p = pair.primary();
        SideState s = pair.secondary();
        List<String> reasons = new ArrayList<>();
        reasons.add("Primary: " + Describe.condition(p, now) + "; " + Describe.coloPart(p) + ".");
        reasons.add("Secondary: " + Describe.condition(s, now) + "; " + Describe.coloPart(s) + ".");

        FailoverProgress failover = pair.failover();
        if (failover.phase() == FailoverProgress.Phase.RUNNING) {
            return wait("Failover to the " + failover.target().map(Side::label).orElse("?")
                    + " is running.", reasons);
        }
        Optional<Side> survivor = tookOver(pair);
        if (survivor.isPresent()) {
            return afterFailover(pair, survivor.get(), now, reasons);
        }
        HeartbeatStatus ph = p.heartbeat().status();
        HeartbeatStatus sh = s.heartbeat().status();
        if (!p.answering() && !s.answering()) {
            if (ph == HeartbeatStatus.UNKNOWN || sh == HeartbeatStatus.UNKNOWN) {
                return wait("Connecting to both sides.", reasons);
            }
            return new Recommendation(Recommendation.Kind.CANNOT_TELL, Optional.empty(),
                    "Neither side answers: primary " + Describe.condition(p, now) + ", secondary "
                            + Describe.condition(s, now) + ". The console cannot tell where the VM runs.",
                    reasons, false);
        }
        if (!p.answering()) {
            return oneSideDown(p, s, now, reasons);
        }
        if (!s.answering()) {
            return oneSideDown(s, p, now, reasons);
        }
        return bothAnswering(pair, now, reasons);
    }

    private static Optional<Side> tookOver(PairState pair) {
        if (pair.failover().phase() == FailoverProgress.Phase.SUCCEEDED) {
            return pair.failover().target();
        }
        for (Side side : Side.values()) {
            if (pair.side(side).tookOver()) {
                return Optional.of(side);
            }
        }
        return Optional.empty();
    }

    private static Recommendation afterFailover(PairState pair, Side survivor, Instant now, List<String> reasons) {
        SideState alive = pair.side(survivor);
        if (!alive.answering() && alive.heartbeat().status() != HeartbeatStatus.UNKNOWN) {
            return new Recommendation(Recommendation.Kind.CANNOT_TELL, Optional.empty(),
                    "The " + survivor.label() + " took over but is now " + Describe.condition(alive, now)
                            + ". Check the VM on its host.", reasons, false);
        }
        return new Recommendation(Recommendation.Kind.DEGRADED, Optional.empty(),
                survivor.title() + " runs the VM alone after failover: unprotected. Re-protect the pair.",
                reasons, false);
    }

    /** {@code down} does not answer; {@code up} does. */
    private static Recommendation oneSideDown(SideState down, SideState up, Instant now, List<String> reasons) {
        HeartbeatStatus status = down.heartbeat().status();
        String downText = down.side().title() + " " + Describe.condition(down, now);
        if (status == HeartbeatStatus.UNKNOWN) {
            return wait("Connecting to the " + down.side().label() + ".", reasons);
        }
        if (down.connection() == ConnectionStatus.CONNECTING && status != HeartbeatStatus.LOST
                && status != HeartbeatStatus.UNREACHABLE && status != HeartbeatStatus.UNRESPONSIVE) {
            return wait("Reconnecting to the " + down.side().label() + ".", reasons);
        }
        if (status == HeartbeatStatus.UNREACHABLE && replicationFlowing(up, now) && !up.waitingAfterError()) {
            return new Recommendation(Recommendation.Kind.DEGRADED, Optional.empty(), downText
                    + ", but the " + up.side().label() + " still checkpoints: replication looks healthy. "
                    + "Do not fail over; check the console's network to the " + down.side().label() + ".",
                    reasons, false);
        }
        if (!up.inColo() && !up.waitingAfterError()) {
            return new Recommendation(Recommendation.Kind.DEGRADED, Optional.empty(), downText + "; the "
                    + up.side().label() + " is not in COLO, so there is nothing to fail over to.", reasons, false);
        }
        boolean needsAck = status != HeartbeatStatus.LOST;
        String upText = up.side().label() + " healthy" + (up.waitingAfterError()
                ? " and waiting after COLO_EXIT reason=error" : "");
        String advice = up.side() == Side.SECONDARY ? "promote the secondary" : "continue on the primary";
        String fence = needsAck ? " Fence the " + down.side().label()
                + "'s host first: the console cannot stop it." : "";
        return new Recommendation(up.side() == Side.SECONDARY ? Recommendation.Kind.PROMOTE_SECONDARY
                : Recommendation.Kind.CONTINUE_ON_PRIMARY, Optional.of(up.side()),
                downText + "; " + upText + ". Recommended: " + advice + "." + fence, reasons, needsAck);
    }

    private static Recommendation bothAnswering(PairState pair, Instant now, List<String> reasons) {
        SideState p = pair.primary();
        SideState s = pair.secondary();
        for (SideState side : List.of(p, s)) {
            if (side.gap().isPresent() && !side.gap().get().resynced()) {
                return wait("Reconnected to the " + side.side().label() + "; re-reading its state.", reasons);
            }
        }
        if (p.waitingAfterError() || s.waitingAfterError()) {
            String who = p.waitingAfterError() && s.waitingAfterError() ? "both sides wait"
                    : (p.waitingAfterError() ? "the primary" : "the secondary") + " reported COLO_EXIT reason=error";
            return new Recommendation(Recommendation.Kind.CONTINUE_ON_PRIMARY, Optional.of(Side.PRIMARY),
                    "Replication broke (" + who + "), both sides answer. Recommended: continue on the primary, "
                            + "which runs the original guest; the secondary will be fenced.", reasons, false);
        }
        if (p.inColo() && s.inColo()) {
            Optional<Duration> stalledFor = stalledFor(p, s, now);
            if (stalledFor.isPresent()) {
                return new Recommendation(Recommendation.Kind.DEGRADED, Optional.empty(),
                        "Replication stalled: no checkpoint for " + Describe.seconds(stalledFor.get())
                                + " (every " + Describe.seconds(p.checkpointDelay().orElseThrow())
                                + " expected) although both sides answer.", reasons, false);
            }
            String rhythm = lastCheckpoint(p, s).map(t -> "; last checkpoint " + Describe.ago(t, now)).orElse("");
            return new Recommendation(Recommendation.Kind.PROTECTED, Optional.empty(),
                    "Protected: both sides healthy and replicating" + rhythm + ".", reasons, false);
        }
        return new Recommendation(Recommendation.Kind.DEGRADED, Optional.empty(),
                "Not protected: COLO is not running between the two sides (primary " + p.coloMode().raw()
                        + ", secondary " + s.coloMode().raw() + ").", reasons, false);
    }

    /** Checkpoints stopped for more than twice the delay while both monitors answer. */
    static Optional<Duration> stalledFor(SideState p, SideState s, Instant now) {
        Optional<Duration> delay = p.checkpointDelay().or(s::checkpointDelay);
        Optional<Instant> last = lastCheckpoint(p, s);
        if (delay.isEmpty() || last.isEmpty() || !"colo".equals(p.migrationStatus())) {
            return Optional.empty();
        }
        Duration quiet = Duration.between(last.get(), now);
        return quiet.compareTo(delay.get().multipliedBy(2)) > 0 ? Optional.of(quiet) : Optional.empty();
    }

    private static boolean replicationFlowing(SideState up, Instant now) {
        Optional<Duration> delay = up.checkpointDelay();
        Optional<Instant> last = up.lastCheckpointAt();
        return delay.isPresent() && last.isPresent()
                && Duration.between(last.get(), now).compareTo(delay.get().multipliedBy(2)) <= 0;
    }

    private static Optional<Instant> lastCheckpoint(SideState p, SideState s) {
        if (p.lastCheckpointAt().isEmpty()) {
            return s.lastCheckpointAt();
        }
        if (s.lastCheckpointAt().isEmpty()) {
            return p.lastCheckpointAt();
        }
        return Optional.of(p.lastCheckpointAt().get().isAfter(s.lastCheckpointAt().get())
                ? p.lastCheckpointAt().get() : s.lastCheckpointAt().get());
    }

    private static Recommendation wait(String headline, List<String> reasons) {
        return new Recommendation(Recommendation.Kind.WAIT, Optional.empty(), headline, reasons, false);
    }
}
