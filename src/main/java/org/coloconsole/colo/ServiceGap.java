package org.coloconsole.colo;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/**
 * The guest's service as a prober outside saw it during a lifecycle action: the longest time no side served, whether
 * two sides ever served at once, and the disk counter at the first and last answer. Pure.
 *
 * @param longest    the longest time between two rounds in which some side served (from the first round when none
 *                   served yet, to the last round when none served at the end)
 * @param rounds     how many rounds were probed
 * @param bothServed rounds in which both sides answered, counted only in runs of two rounds or more: two guests
 *                   serving, which must never happen. A single such round can be the handover itself (a request to
 *                   the promoted side sent while it was still a secondary, answered once it serves, in the same
 *                   round as the old primary's last answer), so it is not counted
 * @param firstDisk  the disk counter of the first answer that had one
 * @param lastDisk   the disk counter of the last answer that had one
 */
public record ServiceGap(Duration longest, int rounds, int bothServed, OptionalLong firstDisk,
                         OptionalLong lastDisk) {

    /**
     * One probe round of both sides.
     *
     * @param nanos monotonic time of the round
     */
    public record Round(long nanos, boolean primaryServed, boolean secondaryServed, OptionalLong disk) {
        public boolean served() {
            return primaryServed || secondaryServed;
        }
    }

    /** From rounds in the order they were probed. */
    public static ServiceGap of(List<Round> rounds) {
        if (rounds.isEmpty()) {
            return new ServiceGap(Duration.ZERO, 0, 0, OptionalLong.empty(), OptionalLong.empty());
        }
        long longest = 0;
        long lastServed = rounds.get(0).nanos();
        int both = 0;
        int run = 0;
        OptionalLong first = OptionalLong.empty();
        OptionalLong last = OptionalLong.empty();
        for (Round round : rounds) {
            if (round.primaryServed() && round.secondaryServed()) {
                run++;
                both += run == 2 ? 2 : run > 2 ? 1 : 0;
            } else {
                run = 0;
            }
            if (round.disk().isPresent()) {
                if (first.isEmpty()) {
                    first = round.disk();
                }
                last = round.disk();
            }
            longest = Math.max(longest, round.nanos() - lastServed);
            if (round.served()) {
                lastServed = round.nanos();
            }
        }
        return new ServiceGap(Duration.ofNanos(longest), rounds.size(), both, first, last);
    }

    /** Whether the disk counter went forward between the first and the last answer. */
    public boolean diskAdvanced() {
        return firstDisk.isPresent() && lastDisk.isPresent() && lastDisk.getAsLong() > firstDisk.getAsLong();
    }

    public String sentence() {
        return "longest probe gap " + longest.toMillis() + " ms over " + rounds + " rounds"
                + (bothServed > 0 ? ", TWO SIDES SERVED in " + bothServed + " rounds" : "")
                + (firstDisk.isPresent() ? ", disk counter " + firstDisk.getAsLong() + " → " + lastDisk.getAsLong()
                : ", no disk counter read");
    }
}
