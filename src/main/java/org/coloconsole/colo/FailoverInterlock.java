package org.coloconsole.colo;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The split-brain interlock: a pure function that says whether a failover may start. It refuses whatever could
 * leave two guests running: a second failover, promoting a side the console cannot reach, or promoting while the
 * other side can neither be fenced by the console nor is acknowledged as fenced by the operator.
 */
public final class FailoverInterlock {
    private FailoverInterlock() {
    }

    /** What the runbook ({@link FailoverPlan}) sends the chosen side, and the side it fences, besides yank. */
    static final List<String> SENT_TO_TARGET = List.of("x-colo-lost-heartbeat", "query-colo-status", "query-status");
    static final List<String> SENT_TO_FENCED = List.of("stop", "query-status");

    /**
     * As {@link #check(PairState, FailoverRequest, Instant)}, without the time: it cannot tell whether the chosen side
     * still checkpoints with the other, so prefer the three-argument form.
     */
    public static InterlockDecision check(PairState pair, FailoverRequest request) {
        return check(pair, request, Optional.empty());
    }

    /**
     * @param now the console's time, used to see whether the chosen side still checkpoints with the other side: if it
     *            does, the other side's QEMU runs, whatever the console's own connection to it says
     */
    public static InterlockDecision check(PairState pair, FailoverRequest request, Instant now) {
        return check(pair, request, Optional.of(now));
    }

    private static InterlockDecision check(PairState pair, FailoverRequest request, Optional<Instant> now) {
        Side target = request.target();
        SideState chosen = pair.side(target);
        SideState other = pair.side(target.other());
        FailoverProgress failover = pair.failover();

        if (failover.phase() == FailoverProgress.Phase.RUNNING) {
            return InterlockDecision.refuse("A failover to the " + failover.target().map(Side::label).orElse("?")
                    + " is already running; wait for its outcome.");
        }
        if (failover.phase() == FailoverProgress.Phase.SUCCEEDED) {
            return InterlockDecision.refuse("A failover to the " + failover.target().map(Side::label).orElse("?")
                    + " already succeeded; re-protect the pair before another one.");
        }
        for (Side side : Side.values()) {
            SideState s = pair.side(side);
            if (s.tookOver()) {
                return InterlockDecision.refuse("The " + side.label() + " already took over (QEMU reports "
                        + "last-mode=" + s.lastMode().map(Tag::raw).orElse(s.lastExit().map(e -> e.mode().raw())
                        .orElse("?")) + ", mode=" + s.coloMode().raw() + ", reason=" + s.reason().raw()
                        + "); another failover could leave two guests running.");
            }
        }
        if (chosen.fenced()) {
            return InterlockDecision.refuse("The " + target.label() + " was fenced by an earlier failover step; "
                    + "a lost-heartbeat would resume its stopped guest beside the other one.");
        }
        if (!chosen.answering()) {
            return InterlockDecision.refuse("Cannot " + request.action() + ": it is "
                    + chosen.heartbeat().status().name().toLowerCase().replace('_', ' ')
                    + " and the console cannot send it the command.");
        }
        if (!chosen.inColo() && chosen.lastExit().isEmpty()) {
            return InterlockDecision.refuse("Cannot " + request.action() + ": it is not in COLO (mode "
                    + chosen.coloMode().raw() + "), so there is nothing to fail over.");
        }
        Optional<String> unsendable = unsendable(chosen, SENT_TO_TARGET, request.action());
        if (unsendable.isPresent()) {
            return InterlockDecision.refuse(unsendable.get());
        }
        if (other.answering()) {
            unsendable = unsendable(other, SENT_TO_FENCED, request.action());
            if (unsendable.isPresent()) {
                return InterlockDecision.refuse(unsendable.get());
            }
            return InterlockDecision.allow(true, "The " + other.side().label()
                    + " answers: the console will stop its guest first, then " + request.action() + ".");
        }
        if (now.isPresent() && Replication.checkpointedAfter(pair, target, other.heartbeat().since(), now.get())) {
            return InterlockDecision.refuse("The " + other.side().label() + " does not answer the console, but the "
                    + target.label() + " still checkpoints with it, so its QEMU runs and replicates. Do not fail "
                    + "over; fix the console's connection to the " + other.side().label() + ", or fence its host "
                    + "and wait until the checkpoints stop.");
        }
        if (other.heartbeat().status() == HeartbeatStatus.LOST) {
            return InterlockDecision.allow(false, "The " + other.side().label()
                    + "'s QEMU is gone (its socket closed); no guest runs there.");
        }
        if (request.otherSideFencedAcknowledged()) {
            return InterlockDecision.allow(false, "The operator acknowledged that the " + other.side().label()
                    + "'s host is fenced.");
        }
        return InterlockDecision.refuse("The " + other.side().label() + " is "
                + other.heartbeat().status().name().toLowerCase().replace('_', ' ')
                + ": the console cannot stop it, and it may still run its guest. Fence its host (power it off "
                + "or cut it off), then confirm that it is fenced.");
    }

    /**
     * A command of the runbook this side's QEMU does not take, by the schema self-test at connect: missing, or refused
     * by {@code -compat unstable-input=reject}. A side not checked yet is not refused: not knowing is not missing.
     */
    private static Optional<String> unsendable(SideState side, List<String> commands, String action) {
        if (side.coloSupport().isEmpty()) {
            return Optional.empty();
        }
        ColoSupport support = side.coloSupport().get();
        for (String command : commands) {
            if (!support.canSend(command)) {
                String prefix = "command " + command;
                String why = support.missing().stream().filter(m -> m.startsWith(prefix)).findFirst()
                        .map(m -> m.substring(prefix.length()).strip()).filter(m -> !m.isEmpty())
                        .orElse("(not in its QMP schema)");
                return Optional.of("Cannot " + action + ": the runbook sends " + command + " to the "
                        + side.side().label() + ", and its QEMU " + support.qemuVersion() + " does not take it "
                        + why + ".");
            }
        }
        return Optional.empty();
    }
}
