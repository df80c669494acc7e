package org.coloconsole.colo;

import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ArbitrarySupplier;

/** Random histories of faults, QEMU reports and operator requests, for the interlock's property tests. */
final class History {
    private History() {
    }

    /** One step of the random history: a fault or report on a side, or an operator's failover request. */
    enum Step {
        KILL, FREEZE, UNREACHABLE, RECONNECT, PING, EXIT_ERROR, CHECKPOINT, TIME_PASSES,
        REQUEST_PROMOTE, REQUEST_CONTINUE, REQUEST_PROMOTE_ACK, REQUEST_CONTINUE_ACK;

        boolean request() {
            return ordinal() >= REQUEST_PROMOTE.ordinal();
        }
    }

    record Move(Step step, Side side) {
    }

    /** For {@code @ForAll(supplier = History.Histories.class)}: up to 40 moves. */
    static final class Histories implements ArbitrarySupplier<List<Move>> {
        @Override
        public Arbitrary<List<Move>> get() {
            Arbitrary<Move> move = Arbitraries.of(Step.class).flatMap(step ->
                    Arbitraries.of(Side.class).map(side -> new Move(step, side)));
            return move.list().ofMinSize(1).ofMaxSize(40);
        }
    }

    /** The side a request asks to carry on. */
    static Side target(Move request) {
        return request.step() == Step.REQUEST_PROMOTE || request.step() == Step.REQUEST_PROMOTE_ACK ? Side.SECONDARY
                : Side.PRIMARY;
    }

    /** Whether a request comes with the operator's word that the other side is fenced. */
    static boolean acknowledged(Move request) {
        return request.step() == Step.REQUEST_PROMOTE_ACK || request.step() == Step.REQUEST_CONTINUE_ACK;
    }

    /** What the runner does for an allowed failover, as the pair reports it. */
    static void failOver(Scenario s, Side target, InterlockDecision allowed) {
        s.apply(new Observation.FailoverStarted(target, s.now));
        if (allowed.fenceOtherSide()) {
            s.apply(new Observation.Fenced(target.other(), s.now, "stop"));
        }
        s.coloExit(target, "request");
        s.apply(new Observation.FailoverSucceeded(target, s.now));
    }

    /** Applies a fault or report to {@code s}; a request is left to the caller. */
    static void apply(Scenario s, Move move) {
        switch (move.step()) {
            case KILL -> s.killed(move.side());
            case FREEZE -> s.frozen(move.side());
            case UNREACHABLE -> s.unreachable(move.side());
            case RECONNECT -> s.apply(new Observation.Connected(move.side(), s.now, "7.2.22", true))
                    .apply(new Observation.Resynced(move.side(), s.now));
            case PING -> s.pingOk(move.side());
            case EXIT_ERROR -> s.coloExit(move.side(), "error");
            case CHECKPOINT -> s.checkpoint();
            case TIME_PASSES -> s.after(Duration.ofSeconds(1));
            case REQUEST_PROMOTE, REQUEST_CONTINUE, REQUEST_PROMOTE_ACK, REQUEST_CONTINUE_ACK -> {
            }
        }
    }
}
