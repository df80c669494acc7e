package org.coloconsole.engine;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.coloconsole.colo.FailoverRequest;
import org.coloconsole.colo.InterlockDecision;
import org.coloconsole.colo.Observation;

/**
 * Starting a failover with a bound on the wait: the interlock is checked and the failover marked on the state thread,
 * which may be behind (a flood) or stuck. A start the runner stopped waiting for must never apply later with nobody
 * to run or end it, so the runner withdraws its {@link Ticket} when it gives up; and a start that did apply but whose
 * answer never came is marked abandoned, so the pair never stays "running" for ever.
 */
final class FailoverStart {
    private FailoverStart() {
    }

    /** Taken once, by whoever comes first: the state thread (to decide) or the runner (to give up). */
    static final class Ticket {
        private final AtomicBoolean taken = new AtomicBoolean();

        boolean take() {
            return taken.compareAndSet(false, true);
        }
    }

    /** How a start went. */
    sealed interface Result {
    }

    /** The interlock decided (allowed, and marked started; or refused). */
    record Decided(InterlockDecision decision) implements Result {
    }

    /** Nothing was checked or marked: the console stopped waiting before the state thread came to it. */
    record NotStarted(String sentence) implements Result {
    }

    /** The state thread took the start but gave no answer in time: it may have started; it is marked abandoned. */
    record Abandoned(String sentence) implements Result {
    }

    static Result begin(PairSupervisor supervisor, FailoverRequest request, Duration limit) {
        Ticket ticket = new Ticket();
        CompletableFuture<Optional<InterlockDecision>> answer = supervisor.beginFailover(request, ticket);
        try {
            return decided(answer.get(limit.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException first) {
            if (ticket.take()) {
                return new NotStarted("The console could not check the interlock within " + limit.toMillis()
                        + " ms (its state thread is behind); nothing was started or sent.");
            }
            // the state thread is deciding now: its answer is due at once
            try {
                return decided(answer.get(limit.toMillis(), TimeUnit.MILLISECONDS));
            } catch (TimeoutException second) {
                String sentence = "the console got no answer from its interlock within " + 2 * limit.toMillis()
                        + " ms, so it cannot tell whether the failover started; nothing was sent to QEMU";
                supervisor.submit(new Observation.FailoverAbandoned(request.target(),
                        supervisor.clock().instant(), sentence));
                return new Abandoned("The failover was abandoned: " + sentence + ".");
            } catch (ExecutionException | InterruptedException e) {
                return failed(e);
            }
        } catch (ExecutionException | InterruptedException e) {
            return failed(e);
        }
    }

    private static Result decided(Optional<InterlockDecision> decision) {
        return decision.<Result>map(Decided::new).orElseGet(() -> new NotStarted(
                "The console stopped waiting for its interlock; nothing was started or sent."));
    }

    private static Result failed(Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        return new NotStarted("The console could not check the interlock (" + e + "); nothing was started or sent.");
    }
}
