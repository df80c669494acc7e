package org.coloconsole.colo;

import java.util.List;
import java.util.Optional;

/**
 * What the console advises, in plain words.
 *
 * @param target   the side that should carry on, for PROMOTE_SECONDARY and CONTINUE_ON_PRIMARY
 * @param headline one sentence an operator can read from across the room
 * @param reasons  the facts behind it, one per line
 * @param needsFencingAcknowledgement the other side cannot be fenced from here: the operator must fence its host
 */
public record Recommendation(Kind kind, Optional<Side> target, String headline, List<String> reasons,
                             boolean needsFencingAcknowledgement) {

    public Recommendation {
        reasons = List.copyOf(reasons);
    }

    public enum Kind {
        /** Both sides healthy and replicating. */
        PROTECTED,
        /** Running, but not protected (or not sure it is): no failover needed now. */
        DEGRADED,
        PROMOTE_SECONDARY,
        CONTINUE_ON_PRIMARY,
        /** Something is in motion (connecting, resyncing, a failover running): look again in a moment. */
        WAIT,
        /** The console cannot see enough of either side to advise. */
        CANNOT_TELL,
        /** Two guests run apart: worse than any fault, so it has its own kind (and the loudest colour). */
        SPLIT_BRAIN
    }
}
