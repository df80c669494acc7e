package org.coloconsole.colo;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether COLO's checkpoints flow — a query on the state at a given time, not a stored verdict, because "no checkpoint
 * for a while" only becomes true as time passes. The checkpoint rhythm (STOP/RESUME every {@code x-checkpoint-delay})
 * is the only liveness signal of replication itself: QEMU has no heartbeat and a stopped partner is never noticed.
 *
 * @param lastCheckpoint the latest checkpoint either side showed while in COLO
 * @param quietFor       how long no checkpoint has been seen while the console could watch both sides
 */
public record Replication(Status status, Optional<Duration> delay, Optional<Instant> lastCheckpoint,
                          Optional<Duration> quietFor) {

    public enum Status {
        /** Not both sides in COLO (or one left it): nothing replicates. */
        NOT_IN_COLO,
        /** A side does not answer, or the checkpoint delay is not known yet. */
        UNKNOWN,
        /**
         * Both sides answer and say COLO, but the console has seen no checkpoint within 2 × the checkpoint delay,
         * and has not watched both sides that long yet: protection is not shown until a checkpoint proves it.
         */
        AWAITING_CHECKPOINT,
        /** The console saw a checkpoint within the last 2 × the checkpoint delay. */
        FLOWING,
        /** Both monitors answer and both say COLO, but no checkpoint for more than 2 × the checkpoint delay. */
        STALLED
    }

    public static Replication of(PairState pair, Instant now) {
        SideState p = pair.primary();
        SideState s = pair.secondary();
        Optional<Duration> delay = delay(pair);
        Optional<Instant> last = latest(p.lastCheckpointAt(), s.lastCheckpointAt());
        if (!replicating(p) || !replicating(s)) {
            return new Replication(Status.NOT_IN_COLO, delay, last, Optional.empty());
        }
        if (!p.answering() || !s.answering() || delay.isEmpty()) {
            return new Replication(Status.UNKNOWN, delay, last, Optional.empty());
        }
        // a console that just connected has not seen a checkpoint yet: count the silence from when it could see one
        Instant watchedSince = latest(Optional.of(p.connectionSince()), Optional.of(s.connectionSince())).orElseThrow();
        Duration twoDelays = delay.get().multipliedBy(2);
        if (last.isPresent() && Duration.between(last.get(), now).compareTo(twoDelays) <= 0) {
            return new Replication(Status.FLOWING, delay, last, Optional.of(Duration.between(last.get(), now)));
        }
        Instant baseline = last.filter(t -> t.isAfter(watchedSince)).orElse(watchedSince);
        Duration quiet = Duration.between(baseline, now);
        Status status = quiet.compareTo(twoDelays) > 0 ? Status.STALLED : Status.AWAITING_CHECKPOINT;
        return new Replication(status, delay, last, Optional.of(quiet));
    }

    /**
     * The primary's {@code x-checkpoint-delay} sets the rhythm; the secondary's own parameter is an unused default
     * (20 s), read only when the primary's is not known.
     */
    public static Optional<Duration> delay(PairState pair) {
        return pair.primary().checkpointDelay().or(() -> pair.secondary().checkpointDelay());
    }

    /**
     * Whether {@code witness} saw a checkpoint after {@code since} and recently (within 2 × the delay): proof that its
     * partner still ran and replicated after {@code since}, since a checkpoint needs both QEMUs.
     */
    public static boolean checkpointedAfter(PairState pair, Side witness, Instant since, Instant now) {
        SideState w = pair.side(witness);
        Optional<Duration> delay = delay(pair);
        Optional<Instant> last = w.lastCheckpointAt();
        return replicating(w) && delay.isPresent() && last.isPresent() && last.get().isAfter(since)
                && Duration.between(last.get(), now).compareTo(delay.get().multipliedBy(2)) <= 0;
    }

    private static boolean replicating(SideState side) {
        return side.inColo() && side.lastExit().isEmpty() && !side.fenced() && !side.tookOver();
    }

    private static Optional<Instant> latest(Optional<Instant> a, Optional<Instant> b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        return Optional.of(a.get().isAfter(b.get()) ? a.get() : b.get());
    }
}
