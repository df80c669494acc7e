package org.coloconsole.colo;

import java.util.List;
import java.util.Optional;

/**
 * QEMU's failed COLO start, recognised from what both sides report — not from a version number, since builds
 * carry backports. Seen on QEMU 10.0.2 (10.0.0–10.0.6 carry the bug; 10.0.7 has the fix): an x-colo migration does
 * not enter COLO on the primary. The primary's migration goes on to {@code completed} and its guest stops
 * ({@code postmigrate}), as after a plain live migration; the secondary enters COLO, resumes the guest, sends
 * {@code COLO_EXIT secondary/error} when the primary drops the stream, and keeps running it while
 * {@code query-colo-status} still says {@code mode secondary} and {@code query-migrate} {@code colo}. The VM has
 * moved to the secondary, unprotected, while one side still claims COLO.
 *
 * <p>That the migration was an x-colo one is known from the secondary: only a stream that enabled COLO puts it in
 * {@code mode secondary}.
 */
final class FailedColoStart {
    private FailedColoStart() {
    }

    static boolean seen(PairState pair) {
        SideState p = pair.primary();
        SideState s = pair.secondary();
        boolean primaryHandedOver = p.migrationStatusTag().is(MigrationStatus.COMPLETED) && !p.inColo()
                && !p.tookOver() && p.running().isPresent();
        boolean secondaryClaimsColo = (s.coloMode().is(ColoMode.SECONDARY)
                || s.lastExit().map(e -> e.mode().is(ColoMode.SECONDARY)).orElse(false)) && !s.tookOver();
        return primaryHandedOver && secondaryClaimsColo && s.guestRuns() && !p.fenced();
    }

    /** The advice when {@link #seen(PairState)}: where the VM runs and what to do, both sides answering. */
    static Recommendation recommend(PairState pair, List<String> reasons) {
        SideState p = pair.primary();
        reasons.add("The primary's migration reads completed and its guest " + (p.guestRuns() ? "runs" : "is stopped ("
                + p.runState() + ")") + ", while the secondary runs the guest in mode secondary"
                + pair.secondary().lastExit().map(e -> " after COLO_EXIT " + e.mode().raw() + "/" + e.reason().raw())
                .orElse("") + ": QEMU handed the VM over instead of starting COLO (QEMU 10.0.0–10.0.6 do this).");
        if (p.guestRuns()) {
            return new Recommendation(Recommendation.Kind.SPLIT_BRAIN, Optional.empty(),
                    "Split brain: COLO never started and the VM moved to the secondary, which runs it, but the "
                            + "primary's guest runs too (resumed after the migration completed) on an outdated copy. "
                            + "Stop the primary now.", reasons, false);
        }
        return new Recommendation(Recommendation.Kind.PROMOTE_SECONDARY, Optional.of(Side.SECONDARY),
                "COLO never started: the primary's migration completed, so the VM now runs on the secondary alone, "
                        + "unprotected, although the secondary still reports mode secondary. The primary's guest is "
                        + "stopped with an outdated copy: do not resume it. Recommended: promote the secondary (the VM "
                        + "keeps running there), then re-protect it with a QEMU whose COLO starts.", reasons, false);
    }

    /** As {@link #recommend}, or empty when the pair does not show it. */
    static Optional<Recommendation> check(PairState pair, List<String> reasons) {
        return seen(pair) ? Optional.of(recommend(pair, reasons)) : Optional.empty();
    }
}
