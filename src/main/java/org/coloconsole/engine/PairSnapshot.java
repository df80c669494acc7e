package org.coloconsole.engine;

import java.time.Instant;
import org.coloconsole.colo.PairState;
import org.coloconsole.colo.Recommendation;

/** The pair as the console sees it at {@code at}: state and the advice drawn from it. */
public record PairSnapshot(PairState state, Recommendation recommendation, Instant at) {
}
