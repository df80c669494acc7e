package org.coloconsole.colo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The one rule of a planned switchover (docs/colo-full-pair.md, "Swapping roles from the console"): whether it may start, whether a new
 * secondary may be used, and after each phase whether the next one runs or the switchover ends, and in what state it
 * leaves the pair. Pure.
 *
 * <p>Never two serving sides: the promotion is a failover whose fence quits the old primary, and nothing after it
 * runs unless that failover was verified.
 */
public final class SwitchoverPlan {
    private SwitchoverPlan() {
    }

    /**
     * What the start rule reads of the pair.
     *
     * @param primaryKnown   the primary answers and was re-read since it connected
     * @param secondaryKnown the same for the secondary
     * @param failover       where an operator's failover stands
     */
    public record Start(boolean primaryKnown, boolean secondaryKnown, Tag<ColoMode> primaryMode,
                       Tag<ColoMode> secondaryMode, Replication.Status replication, FailoverProgress.Phase failover) {

        public static Start of(PairState state, Instant now) {
            return new Start(known(state.primary()), known(state.secondary()), state.primary().coloMode(),
                    state.secondary().coloMode(), Replication.of(state, now).status(), state.failover().phase());
        }

        private static boolean known(SideState side) {
            return side.answering() && side.synced();
        }
    }

    /** How a switchover ended. */
    public enum Ending {
        /** The roles are swapped and the pair is protected again. */
        SWAPPED,
        /** Refused before the promotion: the pair is as it was. */
        NOTHING_CHANGED,
        /** The secondary was promoted and serves alone, unprotected: restore protection (the flow can be re-run). */
        PROMOTED_UNPROTECTED,
        /** A phase failed in a way that is not known to be safe: the operator must look at both sides now. */
        CHECK_NOW
    }

    /** After a phase: the next one, or the end. */
    public sealed interface Decision permits GoOn, Finished {
    }

    public record GoOn(SwitchoverPhase next) implements Decision {
    }

    public record Finished(Ending ending, String sentence) implements Decision {
        public boolean swapped() {
            return ending == Ending.SWAPPED;
        }
    }

    /**
     * Why the switchover may not start, one sentence each; empty when it may. Never while a side's state is unknown,
     * and only from a protected pair whose checkpoints flow: a swap is planned, so it starts only from the state it
     * promises to end in.
     */
    public static List<String> refusals(Start start) {
        List<String> refusals = new ArrayList<>();
        if (!start.primaryKnown()) {
            refusals.add("The primary's state is not known (it does not answer or was not read yet).");
        }
        if (!start.secondaryKnown()) {
            refusals.add("The secondary's state is not known (it does not answer or was not read yet).");
        }
        if (start.primaryKnown() && !start.primaryMode().is(ColoMode.PRIMARY)) {
            refusals.add("The primary reports COLO mode " + start.primaryMode().raw() + ", not primary.");
        }
        if (start.secondaryKnown() && !start.secondaryMode().is(ColoMode.SECONDARY)) {
            refusals.add("The secondary reports COLO mode " + start.secondaryMode().raw() + ", not secondary.");
        }
        if (start.primaryKnown() && start.secondaryKnown() && start.replication() != Replication.Status.FLOWING) {
            refusals.add("Replication is " + start.replication().name().toLowerCase(Locale.ROOT)
                    .replace('_', ' ') + ", not flowing: swap roles only on a protected pair.");
        }
        if (start.failover() == FailoverProgress.Phase.RUNNING || start.failover() == FailoverProgress.Phase.ABANDONED) {
            refusals.add("A failover of this pair is " + (start.failover() == FailoverProgress.Phase.RUNNING
                    ? "running" : "abandoned and not cleared") + ".");
        }
        return List.copyOf(refusals);
    }

    /**
     * Whether {@code fresh} may be the new secondary of the side promoted at {@code survivor}: not the survivor's own
     * monitor. (That it is not in COLO with another primary, waits with {@code -incoming defer} and carries no other
     * console's claim, {@link ReprotectCheck} and the claim check when restoring.)
     */
    public static Optional<String> newSecondaryRefusal(String survivor, String fresh) {
        if (survivor.equals(fresh)) {
            return Optional.of("The new secondary's monitor " + fresh + " is the promoted side's own: give the new "
                    + "QEMU's monitor.");
        }
        return Optional.empty();
    }

    /** The first phase. */
    public static SwitchoverPhase first() {
        return SwitchoverPhase.PROMOTE;
    }

    /** After {@code phase} ended with {@code result}: the next phase only when it was done. */
    public static Decision after(SwitchoverPhase phase, SwitchoverPhase.Result result) {
        if (result == SwitchoverPhase.Result.DONE) {
            return switch (phase) {
                case PROMOTE -> new GoOn(SwitchoverPhase.NEW_SECONDARY);
                case NEW_SECONDARY -> new GoOn(SwitchoverPhase.REPROTECT);
                case REPROTECT -> new Finished(Ending.SWAPPED, "Roles swapped: the former secondary is the primary, "
                        + "the new secondary replicates, protected.");
            };
        }
        if (phase == SwitchoverPhase.PROMOTE) {
            return result == SwitchoverPhase.Result.REFUSED
                    ? new Finished(Ending.NOTHING_CHANGED, "The promotion was refused; nothing was sent and the pair "
                    + "is as it was.")
                    : new Finished(Ending.CHECK_NOW, "The promotion did not verify: check both sides now (the "
                    + "failover's own sentence says what it saw); nothing more was done.");
        }
        if (phase == SwitchoverPhase.REPROTECT && result == SwitchoverPhase.Result.FAILED) {
            return new Finished(Ending.CHECK_NOW, "Restoring protection failed and its undo did not bring the "
                    + "promoted side back to running alone: check it now.");
        }
        return new Finished(Ending.PROMOTED_UNPROTECTED, "The former secondary serves alone, unprotected, after "
                + (phase == SwitchoverPhase.NEW_SECONDARY ? "the new secondary did not come up" : "protection could "
                + "not be restored") + ": start a new secondary with -incoming defer and run colo-console reprotect.");
    }
}
