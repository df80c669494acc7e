package org.coloconsole.colo;

import java.util.Optional;

/**
 * The one rule for what the console says about a side's service between failovers, and whether to probe it now. A
 * COLO secondary is not probed: its guest's output goes to the primary's colo-compare, never out of its own port
 * (docs/colo-full-pair.md), and a request to it would only make the two guests' output differ.
 *
 * @param sentence a few words, short enough for a card's line
 * @param where    the probe, as the profile writes it; empty when none is configured
 * @param last     the result the verdict rests on, for its time; empty when none does
 */
public record ServiceStatus(Kind kind, String sentence, Optional<String> where, Optional<ProbeResult> last) {

    public enum Kind {
        /** The last probe passed. */
        ANSWERS,
        /** The last probe failed, or was refused (a host the profile does not allow). */
        FAILS,
        /** The profile names no probe: QEMU's run state is all the console knows. */
        NOT_CONFIGURED,
        /** A probe is configured and has not run since this side may answer. */
        NOT_PROBED_YET,
        /** The side is a COLO secondary: its guest answers through the primary, so it is not probed. */
        NOT_EXPECTED
    }

    /** Probe this side now? Only when a probe is configured and its guest is expected to answer. */
    public static boolean shouldProbe(SideState side) {
        return side.service().probe().isPresent() && !replicaInColo(side);
    }

    public static ServiceStatus of(SideState side) {
        Optional<ServiceProbe> probe = side.service().probe();
        if (probe.isEmpty()) {
            // short: the card shows it on every side of every pair without probes
            return new ServiceStatus(Kind.NOT_CONFIGURED, "not configured (no probe)", Optional.empty(),
                    Optional.empty());
        }
        Optional<String> where = Optional.of(probe.get().text());
        if (replicaInColo(side)) {
            return new ServiceStatus(Kind.NOT_EXPECTED, "not probed: a COLO secondary answers through the primary",
                    where, Optional.empty());
        }
        Optional<ProbeResult> last = side.service().last();
        if (last.isEmpty()) {
            return new ServiceStatus(Kind.NOT_PROBED_YET, "not probed yet", where, Optional.empty());
        }
        ProbeResult r = last.get();
        if (r.passed()) {
            String disk = r.disk().isPresent() ? ", disk " + r.disk().getAsLong() : "";
            return new ServiceStatus(Kind.ANSWERS, "answers (" + r.sentence() + disk + ")", where, last);
        }
        return new ServiceStatus(Kind.FAILS, "no answer: " + r.sentence(), where, last);
    }

    private static boolean replicaInColo(SideState side) {
        return side.checkpointing() && side.coloMode().is(ColoMode.SECONDARY);
    }
}
