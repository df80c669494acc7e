package org.coloconsole.colo;

import java.util.Optional;

/**
 * The re-read just before {@code x-colo-lost-heartbeat}, inside the claim: whether the pair still looks as it did
 * when the claim was taken. Run state is left out on purpose: the runbook's own fence stops the other side, and a
 * checkpoint may resume it again (docs/colo-behaviour.md), which the re-fence handles; what must not change is who
 * answers, what COLO says and who holds the claim.
 */
public final class ClaimRecheck {
    private ClaimRecheck() {
    }

    /**
     * One side as read from QEMU: whether it answered, its {@code query-colo-status}, and the claim it carries.
     *
     * @param claim empty when the side carries none (or did not answer)
     */
    public record SidePicture(boolean answering, Tag<ColoMode> mode, Optional<Tag<ColoMode>> lastMode,
                              Tag<ColoExitReason> reason, Optional<Claim> claim) {
        public static SidePicture silent() {
            return new SidePicture(false, ColoMode.NONE_TAG, Optional.empty(), ColoExitReason.NONE_TAG,
                    Optional.empty());
        }

        String colo() {
            return "mode " + mode.raw() + ", last mode " + lastMode.map(Tag::raw).orElse("-") + ", reason "
                    + reason.raw();
        }
    }

    /**
     * @param quitOnPurpose the runbook quit this side's QEMU: that it no longer answers is expected
     * @return a sentence saying what changed, or empty when the lost-heartbeat may go
     */
    public static Optional<String> changed(Side side, SidePicture claimed, SidePicture now, Claim me,
                                           boolean quitOnPurpose) {
        String label = side.label();
        if (!claimed.answering()) {
            return now.answering()
                    ? Optional.of("The " + label + " answers again although it did not when the claim was taken: "
                    + "it was not dead. Nothing was promoted; look at both sides again.")
                    : Optional.empty();
        }
        if (!now.answering()) {
            return quitOnPurpose ? Optional.empty()
                    : Optional.of("The " + label + " stopped answering during the runbook. Nothing was promoted; "
                    + "look at both sides again.");
        }
        if (!now.claim().map(me::sameHolder).orElse(false)) {
            return Optional.of("The " + label + "'s claim is no longer this console's (now "
                    + now.claim().map(Claim::holder).orElse("no claim") + "). Nothing was promoted.");
        }
        if (!sameColo(claimed, now)) {
            return Optional.of("The " + label + "'s COLO status changed during the runbook (" + claimed.colo()
                    + " → " + now.colo() + "): another console or tool may have acted. Nothing was promoted; look "
                    + "at both sides again.");
        }
        return Optional.empty();
    }

    /**
     * Read inside the claim, before anything is sent: the other side must not have left COLO on request already (a
     * console whose own view lags would otherwise fence, then promote, the opposite of a failover that just ran).
     */
    public static Optional<String> otherAlreadyPromoted(Side target, SidePicture other) {
        boolean tookOver = other.answering() && other.mode().is(ColoMode.NONE)
                && other.reason().is(ColoExitReason.REQUEST)
                && other.lastMode().map(m -> m.is(ColoMode.PRIMARY) || m.is(ColoMode.SECONDARY)).orElse(false);
        return tookOver ? Optional.of("The " + target.other().label() + " has already left COLO on request: a "
                + "failover to it ran (" + other.colo() + "). Nothing was sent to promote the " + target.label()
                + ".") : Optional.empty();
    }

    private static boolean sameColo(SidePicture a, SidePicture b) {
        return a.mode().raw().equals(b.mode().raw()) && a.reason().raw().equals(b.reason().raw())
                && a.lastMode().map(Tag::raw).equals(b.lastMode().map(Tag::raw));
    }
}
