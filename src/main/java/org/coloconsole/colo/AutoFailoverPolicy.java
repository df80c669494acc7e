package org.coloconsole.colo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * When the console may promote a survivor on its own: only when the other side is proven down (its process gone, seen
 * on a UNIX monitor of this host, or powered off by a successful fence action), the survivor reports COLO_EXIT with
 * reason error, the grace period has passed without the operator cancelling, the policy is armed, and the one
 * take-over rule ({@link FailoverOption}) allows it without the operator's acknowledgement. It decides nothing of its
 * own about the other side: the take-over rule's verdict, read through {@link FenceRule} as a click's runbook reads it,
 * says whether it is proven down and whether its fence action must run first, so the automatic path can never do
 * what the manual path would refuse. Pure: the engine keeps the arming, the grace period's clock and the fence's
 * outcome, and asks again at every change.
 */
public final class AutoFailoverPolicy {
    private AutoFailoverPolicy() {
    }

    /**
     * @param armed        false after one automatic failover (or a cancel) until the operator re-arms it
     * @param graceElapsed how long the countdown has run, by the monotonic clock; empty when none runs
     * @param fence        the fence action run in this episode, if any
     */
    public static AutoFailoverDecision decide(PairState pair, Instant now, AutoFailoverSettings settings, boolean armed,
                                              Optional<Duration> graceElapsed, Optional<FenceOutcome> fence) {
        if (!settings.enabled()) {
            return hold(AutoFailoverDecision.Kind.OFF, Optional.empty(), "Automatic failover is off for this pair.");
        }
        if (!armed) {
            return hold(AutoFailoverDecision.Kind.DISARMED, Optional.empty(), "Automatic failover is disarmed (it "
                    + "acted once, or the operator cancelled it); re-arm it to let it act again.");
        }
        FailoverProgress failover = pair.failover();
        if (failover.phase() == FailoverProgress.Phase.RUNNING || failover.phase() == FailoverProgress.Phase.SUCCEEDED) {
            return hold(Optional.empty(), "A failover " + (failover.phase() == FailoverProgress.Phase.RUNNING
                    ? "is running" : "already succeeded") + "; the policy does not start another.");
        }
        Optional<Side> survivor = survivor(pair);
        if (survivor.isEmpty()) {
            return hold(Optional.empty(), "No side that answers reports COLO_EXIT with reason error, or waits in COLO, "
                    + "while the other is silent.");
        }
        Side target = survivor.get();
        SideState chosen = pair.side(target);
        SideState other = pair.side(target.other());
        boolean exited = chosen.waitingAfterError();
        Optional<FenceOutcome> fenceOfOther = fence.filter(f -> f.side() == other.side());
        // the manual path's verdict, with this episode's fence: the policy never does what a click could not, and
        // never decides on its own what proves the other side down (it refuses, too, while the survivor still
        // checkpoints with the silent side: that side's QEMU runs)
        FailoverOption option = FailoverOption.of(pair, target, now, fenceOfOther);
        if (option.verdict() == FailoverOption.Verdict.REFUSED) {
            return hold(survivor, option.sentence());
        }
        if (!exited) {
            // a side in COLO shows that replication stopped only once a checkpoint is overdue: until then the peer may
            // merely be slow to answer the console (a loaded host), and fencing it would kill a healthy primary
            // the pair's interval is the primary's: a secondary reports QEMU's default (20 s), not the one in use
            Optional<Duration> delay = Replication.delay(pair);
            if (delay.isEmpty()) {
                return hold(survivor, "The " + target.label() + " is in COLO and its checkpoint interval is not "
                        + "known, so the console cannot tell whether it still replicates with the "
                        + other.side().label() + ".");
            }
            // from its last answer: the status itself changes again while silent (a reconnect for silence)
            Duration silent = Duration.between(other.heartbeat().lastOkAt().orElse(other.heartbeat().since()), now);
            if (silent.compareTo(delay.get().multipliedBy(2)) < 0) {
                return hold(survivor, "The " + other.side().label() + " is silent; the " + target.label()
                        + " is still in COLO: waiting two checkpoint intervals (" + delay.get().multipliedBy(2)
                        .toMillis() + " ms) for proof that replication stopped.");
            }
        }
        List<String> reasons = new ArrayList<>();
        reasons.add(exited ? "The " + target.label() + " reports COLO_EXIT with reason error."
                : "The " + target.label() + " waits in COLO: no checkpoint since the " + other.side().label()
                + " went silent.");
        boolean proven = FenceRule.provenDown(option);
        if (proven) {
            reasons.add(option.sentence());
        } else if (fenceOfOther.isPresent()) {
            return hold(survivor, "The fence of the " + other.side().label() + " did not prove it down ("
                    + fenceOfOther.get().result().name().toLowerCase(Locale.ROOT) + ": "
                    + fenceOfOther.get().sentence() + "); the operator decides.");
        } else if (FenceRule.runFirst(option, settings.fenceable(), fenceOfOther)) {
            reasons.add("The " + other.side().label() + " is " + words(other.heartbeat().status())
                    + "; its fence action runs when the grace period ends.");
        } else if (option.verdict() == FailoverOption.Verdict.NEEDS_FENCE_ACKNOWLEDGEMENT) {
            return hold(survivor, "The " + other.side().label() + " is " + words(other.heartbeat().status())
                    + " and no fence action is configured for it: nothing proves it down, so the operator decides. "
                    + option.sentence());
        } else {
            return hold(survivor, option.sentence()); // the other side answers: never on the policy's own
        }
        Duration remaining = settings.grace().minus(graceElapsed.orElse(Duration.ZERO));
        if (graceElapsed.isEmpty() || remaining.compareTo(Duration.ZERO) > 0) {
            return new AutoFailoverDecision(AutoFailoverDecision.Kind.COUNTDOWN, survivor,
                    remaining.isNegative() ? Duration.ZERO : remaining, reasons);
        }
        if (!proven) {
            return new AutoFailoverDecision(AutoFailoverDecision.Kind.FENCE, survivor, Duration.ZERO, reasons);
        }
        if (!exited) {
            // QEMU notices a peer gone only when its connection breaks: the survivor's COLO_EXIT follows the proof
            reasons.add("Waiting for the " + target.label() + " to report COLO_EXIT with reason error.");
            return new AutoFailoverDecision(AutoFailoverDecision.Kind.AWAIT_EXIT, survivor, Duration.ZERO, reasons);
        }
        return new AutoFailoverDecision(AutoFailoverDecision.Kind.PROMOTE, survivor, Duration.ZERO, reasons);
    }

    /**
     * The side that answers while the other does not, and either waits after a COLO_EXIT error or is still in COLO
     * (a frozen peer makes it emit nothing: docs/colo-behaviour.md, "The fault table"). One that reports the error is
     * preferred.
     */
    private static Optional<Side> survivor(PairState pair) {
        Optional<Side> inColo = Optional.empty();
        for (Side side : Side.values()) {
            SideState s = pair.side(side);
            if (!s.answering() || pair.side(side.other()).answering()) {
                continue;
            }
            if (s.waitingAfterError()) {
                return Optional.of(side);
            }
            if (s.checkpointing()) {
                inColo = Optional.of(side);
            }
        }
        return inColo;
    }

    private static AutoFailoverDecision hold(Optional<Side> target, String reason) {
        return hold(AutoFailoverDecision.Kind.HOLD, target, reason);
    }

    private static AutoFailoverDecision hold(AutoFailoverDecision.Kind kind, Optional<Side> target, String reason) {
        return new AutoFailoverDecision(kind, target, Duration.ZERO, List.of(reason));
    }

    private static String words(HeartbeatStatus status) {
        return status.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
