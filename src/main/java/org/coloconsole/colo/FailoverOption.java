package org.coloconsole.colo;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What a failover to one side may do now, and why not: the one rule that both the failover buttons (may it be
 * offered?) and {@link FailoverInterlock} (may it start?) read, so the button and the interlock cannot disagree.
 *
 * @param sentence for the operator: why it is refused, what happens to the other side, or what they must confirm
 */
public record FailoverOption(Side target, Verdict verdict, String sentence) {

    public FailoverOption {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(sentence, "sentence");
    }

    /** What the runbook ({@link FailoverPlan}) sends the chosen side, and the side it fences, besides yank. */
    static final List<String> SENT_TO_TARGET = List.of("x-colo-lost-heartbeat", "query-colo-status", "query-status");
    static final List<String> SENT_TO_FENCED = List.of("stop", "query-status");

    public enum Verdict {
        /** Not now: a failover could leave two guests running, or there is nothing to fail over. */
        REFUSED,
        /** Allowed: the other side answers, so the console stops its guest first. */
        FENCE_OTHER_SIDE,
        /** Allowed: the other side's QEMU is gone (its socket closed), so no guest runs there. */
        OTHER_SIDE_GONE,
        /** Allowed: a fence action powered the other side off ({@link FenceOutcome#provesDown}) and it is silent since. */
        OTHER_SIDE_FENCED,
        /** Allowed only once the operator confirms the other side's host is fenced: the console cannot stop it. */
        NEEDS_FENCE_ACKNOWLEDGEMENT
    }

    /** Whether the button may be offered: allowed now, or once the operator confirms the fence. */
    public boolean offered() {
        return verdict != Verdict.REFUSED;
    }

    /**
     * @param now the console's time, used to see whether {@code target} still checkpoints with the other side: if it
     *            does, the other side's QEMU runs, whatever the console's own connection to it says
     */
    public static FailoverOption of(PairState pair, Side target, Instant now) {
        return of(pair, target, Optional.of(now), Optional.empty());
    }

    /**
     * As {@link #of(PairState, Side, Instant)}, with what a fence action did to the other side: a fence that proves
     * it down ({@link FenceOutcome#provesDown}) stands for the operator's acknowledgement; a failed or timed-out one
     * changes nothing.
     */
    public static FailoverOption of(PairState pair, Side target, Instant now, Optional<FenceOutcome> otherSideFence) {
        return of(pair, target, Optional.of(now), otherSideFence);
    }

    /**
     * As {@link #of(PairState, Side, Instant)}, without the time: it cannot tell whether the chosen side still
     * checkpoints with the other, so prefer the three-argument form.
     */
    public static FailoverOption of(PairState pair, Side target) {
        return of(pair, target, Optional.empty(), Optional.empty());
    }

    private static FailoverOption of(PairState pair, Side target, Optional<Instant> now,
                                     Optional<FenceOutcome> otherSideFence) {
        SideState chosen = pair.side(target);
        SideState other = pair.side(target.other());
        FailoverProgress failover = pair.failover();
        String action = new FailoverRequest(target, false).action();

        Optional<String> abandoned = AbandonedFailover.refusal(failover);
        if (abandoned.isPresent()) {
            return refused(target, abandoned.get());
        }
        if (failover.phase() == FailoverProgress.Phase.RUNNING) {
            return refused(target, "A failover to the " + failover.target().map(Side::label).orElse("?")
                    + " is already running; wait for its outcome.");
        }
        if (failover.phase() == FailoverProgress.Phase.SUCCEEDED) {
            return refused(target, "A failover to the " + failover.target().map(Side::label).orElse("?")
                    + " already succeeded; re-protect the pair before another one.");
        }
        if (chosen.tookOver() && !other.tookOver() && chosen.answering()) {
            // a runbook cut short after the lost-heartbeat (the console crashed): nothing new is promoted, and
            // finishing it fences the other side again and takes the survivor's COLO parts out (SurvivorCleanup)
            return new FailoverOption(target, other.answering() ? Verdict.FENCE_OTHER_SIDE : Verdict.OTHER_SIDE_GONE,
                    "The " + target.label() + " already took over; the console will finish its runbook"
                            + (other.answering() ? ", stopping the " + other.side().label() + "'s guest first."
                            : "."));
        }
        for (Side side : Side.values()) {
            SideState s = pair.side(side);
            if (s.tookOver()) {
                return refused(target, "The " + side.label() + " already took over (QEMU reports "
                        + "last-mode=" + s.lastMode().map(Tag::raw).orElse(s.lastExit().map(e -> e.mode().raw())
                        .orElse("?")) + ", mode=" + s.coloMode().raw() + ", reason=" + s.reason().raw()
                        + "); another failover could leave two guests running.");
            }
        }
        if (chosen.fenced()) {
            return refused(target, "The " + target.label() + " was fenced by an earlier failover step; "
                    + "a lost-heartbeat would resume its stopped guest beside the other one.");
        }
        if (!chosen.answering()) {
            return refused(target, "Cannot " + action + ": it is " + words(chosen.heartbeat().status())
                    + " and the console cannot send it the command.");
        }
        if (!chosen.inColo() && chosen.lastExit().isEmpty()) {
            return refused(target, "Cannot " + action + ": it is not in COLO (mode " + chosen.coloMode().raw()
                    + "), so there is nothing to fail over.");
        }
        Optional<String> unsendable = unsendable(chosen, SENT_TO_TARGET, action);
        if (unsendable.isPresent()) {
            return refused(target, unsendable.get());
        }
        if (other.answering()) {
            unsendable = unsendable(other, SENT_TO_FENCED, action);
            if (unsendable.isPresent()) {
                return refused(target, unsendable.get());
            }
            return new FailoverOption(target, Verdict.FENCE_OTHER_SIDE, "The " + other.side().label()
                    + " answers: the console will stop its guest first, then " + action + ".");
        }
        if (now.isPresent() && Replication.checkpointedAfter(pair, target, other.heartbeat().since(), now.get())) {
            return refused(target, "The " + other.side().label() + " does not answer the console, but the "
                    + target.label() + " still checkpoints with it, so its QEMU runs and replicates. Do not fail "
                    + "over; fix the console's connection to the " + other.side().label() + ", or fence its host "
                    + "and wait until the checkpoints stop.");
        }
        if (other.heartbeat().status() == HeartbeatStatus.LOST) {
            return new FailoverOption(target, Verdict.OTHER_SIDE_GONE, "The " + other.side().label()
                    + "'s QEMU is gone (its socket closed); no guest runs there. Make sure it does not start again on "
                    + "its own.");
        }
        if (otherSideFence.isPresent() && otherSideFence.get().provesDown(other)) {
            return new FailoverOption(target, Verdict.OTHER_SIDE_FENCED, "The " + other.side().label()
                    + " was fenced: " + otherSideFence.get().sentence() + "; it has not answered since.");
        }
        // the connection's own words say why this is no proof of death (a reset over TCP, a timeout…)
        String why = other.connectionSentence().isBlank() ? "" : " (" + other.connectionSentence() + ")";
        return new FailoverOption(target, Verdict.NEEDS_FENCE_ACKNOWLEDGEMENT, "The " + other.side().label() + " is "
                + words(other.heartbeat().status()) + why + ": the console cannot stop it, and it may still run its "
                + "guest. "
                + "Fence its host (power it off or cut it off), then confirm that it is fenced.");
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

    private static FailoverOption refused(Side target, String sentence) {
        return new FailoverOption(target, Verdict.REFUSED, sentence);
    }

    /** "unresponsive", "never connected"… as a sentence says a heartbeat status. */
    private static String words(HeartbeatStatus status) {
        return status.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
