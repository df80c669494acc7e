package org.coloconsole.colo;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The one rule for "the survivor serves" after a failover: its probe passed, and when its answers carry a
 * {@code disk N} line, the counter advanced between two passing answers (docs/colo-full-pair.md: a primary left with
 * colo-compare in its path runs, and answers nobody; a disk can hang while the process runs).
 */
public final class ServiceCheck {
    private ServiceCheck() {
    }

    public enum Verdict {
        /** The probe passed (and the disk advanced, where the probe shows it). */
        SERVING,
        /** Not yet: keep probing until the bound. */
        NOT_YET,
        /** No probe configured: QEMU runs; the service was not checked. */
        NOT_CHECKED
    }

    public record Judgement(Verdict verdict, String sentence) {
    }

    /** @param results the survivor's probe results since the failover's decision, oldest first */
    public static Judgement judge(Optional<ServiceProbe> probe, List<ProbeResult> results) {
        if (probe.isEmpty()) {
            return new Judgement(Verdict.NOT_CHECKED, "QEMU runs; service not checked (no probe configured).");
        }
        String where = probe.get().text();
        OptionalLong firstDisk = OptionalLong.empty();
        ProbeResult last = null;
        for (ProbeResult r : results) {
            last = r;
            if (!r.passed()) {
                continue;
            }
            if (r.disk().isEmpty()) {
                return new Judgement(Verdict.SERVING, "the service answers at " + where + ".");
            }
            if (firstDisk.isEmpty()) {
                firstDisk = r.disk();
            } else if (r.disk().getAsLong() > firstDisk.getAsLong()) {
                return new Judgement(Verdict.SERVING, "the service answers at " + where + " and its disk counter "
                        + "advances (" + firstDisk.getAsLong() + " → " + r.disk().getAsLong() + ").");
            }
        }
        if (last == null) {
            return new Judgement(Verdict.NOT_YET, "no answer from " + where + " yet.");
        }
        if (firstDisk.isPresent()) {
            return new Judgement(Verdict.NOT_YET, "the service answers at " + where + " but its disk counter has not "
                    + "advanced from " + firstDisk.getAsLong() + ".");
        }
        return new Judgement(Verdict.NOT_YET, where + ": " + last.sentence());
    }
}
