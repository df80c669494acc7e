package org.coloconsole.colo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which side should carry on, and why — a pure function of the pair's state and the time. The rules follow what a
 * real QEMU 7.2 pair does under each fault (docs/colo-behaviour.md): QEMU never notices a frozen peer, sends
 * COLO_EXIT once, keeps looking healthy to polls afterwards, and never fences.
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

        // the one state worse than any fault: say it first, whatever else is going on
        if (pair.twoGuestsRun()) {
            return twoGuests(pair, reasons);
        }
        FailoverProgress failover = pair.failover();
        if (failover.phase() == FailoverProgress.Phase.RUNNING) {
            return wait("Failover to the " + failover.target().map(Side::label).orElse("?")
                    + " is running.", reasons);
        }
        if (failover.phase() == FailoverProgress.Phase.ABANDONED) {
            return wait("The failover to the " + failover.target().map(Side::label).orElse("?") + " was abandoned: "
                    + "check both sides, then clear it to act again.", reasons);
        }
        Optional<Side> survivor = ProtectionRestore.survivor(pair);
        if (survivor.isPresent()) {
            return afterFailover(pair, survivor.get(), now, reasons);
        }
        if (failover.phase() == FailoverProgress.Phase.FAILED && failover.target().isPresent()
                && pair.side(failover.target().get().other()).fenced()) {
            return afterFailedFailover(pair, failover, now, reasons);
        }
        if (p.connection() == ConnectionStatus.REJECTED || s.connection() == ConnectionStatus.REJECTED) {
            return rejected(pair, now, reasons);
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
            return oneSideDown(pair, p, s, now, reasons);
        }
        if (!s.answering()) {
            return oneSideDown(pair, s, p, now, reasons);
        }
        return bothAnswering(pair, now, reasons);
    }

    /**
     * A side the console will not (or QEMU will not let it) talk to is not a side that failed: its QEMU may run the VM
     * right now. Nothing can be recommended about the pair until the settings are fixed.
     */
    private static Recommendation rejected(PairState pair, Instant now, List<String> reasons) {
        List<String> sides = new ArrayList<>();
        for (Side side : Side.values()) {
            if (pair.side(side).connection() == ConnectionStatus.REJECTED) {
                sides.add("the " + side.label());
            }
        }
        String which = String.join(" and ", sides);
        return new Recommendation(Recommendation.Kind.CANNOT_TELL, Optional.empty(),
                "The console cannot watch " + which + ": the connection is refused on security grounds (TLS or plain "
                        + "TCP; the card says which file or setting). Whether " + (sides.size() == 1 ? "its QEMU runs"
                        : "their QEMUs run") + " is unknown: fix the connection before any failover.", reasons, false);
    }

    private static Recommendation twoGuests(PairState pair, List<String> reasons) {
        SideState p = pair.primary();
        SideState s = pair.secondary();
        String headline;
        if (p.tookOver() && s.tookOver()) {
            headline = "Split brain: both sides left COLO on request and both guests run — two diverging copies of "
                    + "the VM. Stop the one that should not serve now.";
        } else {
            SideState alone = p.tookOver() ? p : s;
            SideState other = pair.side(alone.side().other());
            headline = "Split brain: the " + alone.side().label() + " left COLO on request and runs, and the "
                    + other.side().label() + "'s guest still runs too. Stop the " + other.side().label()
                    + " now (QEMU does not fence it).";
        }
        return new Recommendation(Recommendation.Kind.SPLIT_BRAIN, Optional.empty(), headline, reasons, false);
    }

    private static Recommendation afterFailover(PairState pair, Side survivor, Instant now, List<String> reasons) {
        SideState alive = pair.side(survivor);
        if (!alive.answering() && alive.heartbeat().status() != HeartbeatStatus.UNKNOWN) {
            return new Recommendation(Recommendation.Kind.CANNOT_TELL, Optional.empty(),
                    "The " + survivor.label() + " took over but is now " + Describe.condition(alive, now)
                            + ". Check the VM on its host.", reasons, false);
        }
        if (alive.synced() && !alive.guestRuns()) {
            // verified running at the time, so something stopped it since: a stop, a shutdown, a restarted QEMU
            String since = alive.tookOver() ? "" : "; its QEMU no longer reports the takeover, so it was restarted";
            return new Recommendation(Recommendation.Kind.CANNOT_TELL, Optional.empty(),
                    "The " + survivor.label() + " took over, but its guest does not run now (" + alive.runState()
                            + since + "). The VM may run nowhere: check it on the " + survivor.label() + "'s host.",
                    reasons, false);
        }
        return new Recommendation(Recommendation.Kind.DEGRADED, Optional.empty(),
                survivor.title() + " runs the VM alone after failover: unprotected. Re-protect the pair.",
                reasons, false);
    }

    /** The other side was fenced (its guest stopped) but the target did not take over: the VM runs nowhere. */
    private static Recommendation afterFailedFailover(PairState pair, FailoverProgress failover, Instant now,
                                                      List<String> reasons) {
        Side target = failover.target().orElseThrow();
        SideState chosen = pair.side(target);
        String fenced = "the " + target.other().label() + " is fenced (its guest stopped), so the VM may run "
                + "nowhere";
        reasons.add("The failover to the " + target.label() + " failed: " + failover.sentence());
        if (!chosen.answering()) {
            return new Recommendation(Recommendation.Kind.CANNOT_TELL, Optional.empty(), "Failover to the "
                    + target.label() + " failed and it is " + Describe.condition(chosen, now) + "; " + fenced
                    + ". Check both hosts.", reasons, false);
        }
        return new Recommendation(kindFor(target), Optional.of(target), "Failover to the " + target.label()
                + " failed; " + fenced + ". Recommended: retry — " + actionFor(target) + ".", reasons, false);
    }

    /** {@code down} does not answer; {@code up} does. */
    private static Recommendation oneSideDown(PairState pair, SideState down, SideState up, Instant now,
                                              List<String> reasons) {
        HeartbeatStatus status = down.heartbeat().status();
        String downText = down.side().title() + " " + Describe.condition(down, now);
        if (status == HeartbeatStatus.UNKNOWN) {
            return wait(down.connection() == ConnectionStatus.DISCONNECTED
                    ? downText + "; waiting to reconnect to it." : "Connecting to the " + down.side().label() + ".",
                    reasons);
        }
        if (down.connection() == ConnectionStatus.CONNECTING && status != HeartbeatStatus.LOST
                && status != HeartbeatStatus.UNREACHABLE && status != HeartbeatStatus.UNRESPONSIVE) {
            return wait("Reconnecting to the " + down.side().label() + ".", reasons);
        }
        // a checkpoint needs both QEMUs: one seen after the console lost the side proves the side still runs
        if (!up.waitingAfterError()
                && Replication.checkpointedAfter(pair, up.side(), down.heartbeat().since(), now)) {
            return new Recommendation(Recommendation.Kind.DEGRADED, Optional.empty(), downText
                    + ", but the " + up.side().label() + " still checkpoints with it: replication looks healthy. "
                    + "Do not fail over; check the console's network to the " + down.side().label() + ".",
                    reasons, false);
        }
        if (!up.inColo() && !up.waitingAfterError()) {
            return new Recommendation(Recommendation.Kind.DEGRADED, Optional.empty(), downText + "; the "
                    + up.side().label() + " is not in COLO, so there is nothing to fail over to.", reasons, false);
        }
        if (up.fenced()) {
            return new Recommendation(Recommendation.Kind.CANNOT_TELL, Optional.empty(), downText + "; the "
                    + up.side().label() + "'s guest is stopped. Check both hosts.", reasons, false);
        }
        boolean needsAck = status != HeartbeatStatus.LOST;
        String upText = up.side().label() + " healthy" + (up.waitingAfterError()
                ? " and waiting after COLO_EXIT reason=error" : "");
        String fence = needsAck ? " Fence the " + down.side().label()
                + "'s host first: the console cannot stop it." : "";
        return new Recommendation(kindFor(up.side()), Optional.of(up.side()),
                downText + "; " + upText + ". Recommended: " + actionFor(up.side()) + "." + fence, reasons, needsAck);
    }

    private static Recommendation bothAnswering(PairState pair, Instant now, List<String> reasons) {
        SideState p = pair.primary();
        SideState s = pair.secondary();
        for (SideState side : List.of(p, s)) {
            if (side.gap().isPresent() && !side.gap().get().resynced()) {
                return wait("Reconnected to the " + side.side().label() + "; re-reading its state.", reasons);
            }
            // before the first polls a side's COLO mode reads "none" only because nothing was read yet
            if (!side.synced()) {
                return wait("Connected to the " + side.side().label() + "; reading its state.", reasons);
            }
        }
        for (SideState side : List.of(p, s)) {
            if (side.fenced()) {
                return new Recommendation(Recommendation.Kind.DEGRADED, Optional.empty(), "Not protected: the "
                        + side.side().label() + " was fenced by the console and its guest is stopped.", reasons,
                        false);
            }
        }
        // before "replication broke": the secondary's COLO_EXIT error there does not mean the primary runs the VM
        Optional<Recommendation> failedStart = FailedColoStart.check(pair, reasons);
        if (failedStart.isPresent()) {
            return failedStart.get();
        }
        if (p.waitingAfterError() || s.waitingAfterError()) {
            String who = p.waitingAfterError() && s.waitingAfterError() ? "both sides wait"
                    : (p.waitingAfterError() ? "the primary" : "the secondary") + " reported COLO_EXIT reason=error";
            return new Recommendation(Recommendation.Kind.CONTINUE_ON_PRIMARY, Optional.of(Side.PRIMARY),
                    "Replication broke (" + who + "), both sides answer. Recommended: continue on the primary, "
                            + "which runs the original guest; the secondary will be fenced.", reasons, false);
        }
        if (!p.inColo() || !s.inColo()) {
            return new Recommendation(Recommendation.Kind.DEGRADED, Optional.empty(),
                    "Not protected: COLO is not running between the two sides (primary " + p.coloMode().raw()
                            + ", secondary " + s.coloMode().raw() + ").", reasons, false);
        }
        Replication replication = Replication.of(pair, now);
        if (replication.status() == Replication.Status.STALLED) {
            return new Recommendation(Recommendation.Kind.DEGRADED, Optional.empty(),
                    "Replication stalled: no checkpoint for " + Describe.seconds(replication.quietFor().orElseThrow())
                            + " (every " + Describe.seconds(replication.delay().orElseThrow())
                            + " expected) although both sides answer.", reasons, false);
        }
        if (replication.status() == Replication.Status.UNKNOWN) {
            return wait("Checking replication: both sides are in COLO, but their checkpoint interval is not known "
                    + "yet.", reasons);
        }
        String interval = "every " + Describe.seconds(replication.delay().orElseThrow());
        if (replication.status() == Replication.Status.AWAITING_CHECKPOINT) {
            return wait("Checking replication: both sides are in COLO; waiting for a checkpoint (" + interval
                    + " expected).", reasons);
        }
        String last = replication.lastCheckpoint().map(t -> ", last " + Describe.ago(t, now)).orElse("");
        return new Recommendation(Recommendation.Kind.PROTECTED, Optional.empty(),
                "Protected: both sides healthy and replicating; checkpoint " + interval + last + ".", reasons, false);
    }

    private static Recommendation.Kind kindFor(Side target) {
        return target == Side.SECONDARY ? Recommendation.Kind.PROMOTE_SECONDARY
                : Recommendation.Kind.CONTINUE_ON_PRIMARY;
    }

    private static String actionFor(Side target) {
        return target == Side.SECONDARY ? "promote the secondary" : "continue on the primary";
    }

    private static Recommendation wait(String headline, List<String> reasons) {
        return new Recommendation(Recommendation.Kind.WAIT, Optional.empty(), headline, reasons, false);
    }
}
