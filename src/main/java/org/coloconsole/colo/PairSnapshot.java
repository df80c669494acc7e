package org.coloconsole.colo;

import java.time.Instant;

/** The pair as the console sees it at {@code at}: state and the advice drawn from it. */
public record PairSnapshot(PairState state, Recommendation recommendation, Instant at) {
}
