package org.coloconsole.colo;

import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * COLO's protection of the pair as a job-like row beside QEMU's background jobs, so the operator reads one model:
 * protected → exited (on request or on error, on a side) → failed over (to the secondary) or continued alone (on the
 * primary). A pure function of the pair's state.
 *
 * @param side   the side that exited, or the one that carries on; empty while protected or unknown
 * @param reason the COLO_EXIT reason while {@link Lifecycle#EXITED}
 */
public record ColoProtection(Lifecycle lifecycle, Optional<Side> side, Optional<Tag<ColoExitReason>> reason,
                             String sentence) {

    /** The row's id and type in a jobs list. */
    public static final String ID = "colo";

    public enum Lifecycle {
        /** Neither side has been read yet. */
        UNKNOWN,
        /** Neither side is in COLO: nothing to protect (or re-protection has not started). */
        NOT_PROTECTED,
        PROTECTED,
        /** COLO stopped on a side and no decision is verified yet. */
        EXITED,
        /** The secondary took over and runs alone. */
        FAILED_OVER,
        /** The primary left COLO and runs alone. */
        CONTINUED_ALONE;

        /** Lower-case with dashes, as the status column of a job. */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public static ColoProtection of(SideState primary, SideState secondary, FailoverProgress failover) {
        if (failover.phase() == FailoverProgress.Phase.SUCCEEDED && failover.target().isPresent()) {
            return carriedOn(failover.target().get());
        }
        boolean primaryAlone = primary.tookOver();
        boolean secondaryAlone = secondary.tookOver();
        if (primaryAlone && secondaryAlone) {
            return new ColoProtection(Lifecycle.FAILED_OVER, Optional.empty(), Optional.empty(),
                    "Both sides left COLO on request: each may be running alone.");
        }
        if (primaryAlone || secondaryAlone) {
            return carriedOn(secondaryAlone ? Side.SECONDARY : Side.PRIMARY);
        }
        Optional<Observation.ColoExit> firstExit = Stream.of(primary, secondary)
                .flatMap(s -> s.lastExit().stream())
                .min(Comparator.comparing(Observation.ColoExit::at));
        if (firstExit.isPresent()) {
            return exited(firstExit.get(), failover);
        }
        if (primary.inColo() || secondary.inColo()) {
            String sentence = primary.inColo() && secondary.inColo() ? "Both sides replicate in COLO."
                    : inColoAlone(primary.inColo() ? primary : secondary);
            return new ColoProtection(Lifecycle.PROTECTED, Optional.empty(), Optional.empty(), sentence);
        }
        if (!primary.synced() && !secondary.synced()) {
            return new ColoProtection(Lifecycle.UNKNOWN, Optional.empty(), Optional.empty(),
                    "Not known yet: neither side has been read.");
        }
        return new ColoProtection(Lifecycle.NOT_PROTECTED, Optional.empty(), Optional.empty(),
                "Neither side is in COLO: the guest is not protected.");
    }

    /** The status column: the lifecycle, with the exit's reason while exited (e.g. {@code exited-error}). */
    public String status() {
        return reason.map(r -> lifecycle.label() + "-" + r.raw()).orElse(lifecycle.label());
    }

    private static ColoProtection carriedOn(Side side) {
        return side == Side.SECONDARY
                ? new ColoProtection(Lifecycle.FAILED_OVER, Optional.of(side), Optional.empty(),
                        "Failed over: the secondary carries on alone.")
                : new ColoProtection(Lifecycle.CONTINUED_ALONE, Optional.of(side), Optional.empty(),
                        "The primary carries on alone, without a replica.");
    }

    private static ColoProtection exited(Observation.ColoExit exit, FailoverProgress failover) {
        Side side = exit.side();
        StringBuilder sentence = new StringBuilder("COLO stopped on the ").append(side.label());
        if (exit.reason().is(ColoExitReason.ERROR)) {
            sentence.append(" with an error: replication is gone and the pair waits for a decision");
        } else if (exit.reason().is(ColoExitReason.REQUEST)) {
            sentence.append(" on request");
        } else {
            sentence.append(" (reason ").append(exit.reason().raw()).append(')');
        }
        exit.error().ifPresent(e -> sentence.append(" (").append(e).append(')'));
        if (failover.phase() == FailoverProgress.Phase.RUNNING) {
            failover.target().ifPresent(t -> sentence.append("; a failover to the ").append(t.label())
                    .append(" is running"));
        } else if (failover.phase() == FailoverProgress.Phase.FAILED) {
            failover.target().ifPresent(t -> sentence.append("; the failover to the ").append(t.label())
                    .append(" failed: ").append(failover.sentence()));
        }
        return new ColoProtection(Lifecycle.EXITED, Optional.of(side), Optional.of(exit.reason()),
                sentence.append('.').toString());
    }

    private static String inColoAlone(SideState inColo) {
        return "The " + inColo.side().label() + " is in COLO; the " + inColo.side().other().label()
                + " does not say so.";
    }
}
