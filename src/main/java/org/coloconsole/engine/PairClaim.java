package org.coloconsole.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.coloconsole.colo.Claim;
import org.coloconsole.colo.ClaimDecision;
import org.coloconsole.colo.ClaimRecheck;
import org.coloconsole.colo.ColoExitReason;
import org.coloconsole.colo.ColoMode;
import org.coloconsole.colo.Observation;
import org.coloconsole.colo.Side;
import org.coloconsole.colo.Tag;
import org.coloconsole.qmp.QmpClient;
import org.coloconsole.qmp.QmpCommandException;
import org.coloconsole.qmp.QmpValue;

/**
 * One runbook's hold on a pair, so that two consoles never promote opposite sides: first this host's lock
 * ({@link PairLock}), then the claim inside every QEMU that answers ({@link ClaimObject}); re-read before the
 * lost-heartbeat; released when the runbook ends. Used on the failover runner's thread only.
 */
public final class PairClaim implements AutoCloseable {
    private final PairSupervisor supervisor;
    private final PairClaims claims;
    private final Duration timeout;
    private Claim me;
    private PairLock hostLock;
    private final Map<Side, ClaimRecheck.SidePicture> atClaim = new EnumMap<>(Side.class);

    PairClaim(PairSupervisor supervisor, PairClaims claims, Duration timeout) {
        this.supervisor = supervisor;
        this.claims = claims;
        this.timeout = timeout;
        this.me = claims.me();
    }

    /** This host's lock on the pair; a refusal names its holder. */
    public Optional<String> lockHost() {
        PairLock.Attempt attempt = claims.lockHost(supervisor.config());
        hostLock = attempt.lock().orElse(null);
        return attempt.lock().isPresent() ? Optional.empty() : Optional.of(attempt.refusal());
    }

    /**
     * Claims every side that answers now, then reads both as they are inside the claim. A side that does not answer
     * is not claimed: the interlock already asked for proof of its death or the operator's fencing word.
     *
     * @return the refusal (whatever was claimed is released again), or empty when the pair is claimed
     */
    public Optional<String> claimSides(Side target) throws InterruptedException {
        me = new Claim(me.host(), me.user(), me.pid(), supervisor.clock().instant().toString(), me.nonce());
        for (Side side : Side.values()) {
            if (!supervisor.snapshot().state().side(side).answering()) {
                continue;
            }
            Optional<String> refusal = claim(side);
            if (refusal.isPresent()) {
                releaseSides();
                return refusal;
            }
        }
        for (Side side : Side.values()) {
            atClaim.put(side, picture(side));
        }
        Optional<String> promoted = ClaimRecheck.otherAlreadyPromoted(target, atClaim.get(target.other()));
        if (promoted.isPresent()) {
            releaseSides();
        }
        return promoted;
    }

    private Optional<String> claim(Side side) throws InterruptedException {
        QmpClient client = supervisor.link(side).client();
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                await(ClaimObject.add(client, me, timeout));
                journal(AuditKind.CLAIM, side, Map.of("holder", me.text()));
                supervisor.submit(new Observation.ClaimPolled(side, supervisor.clock().instant(), Optional.of(me)));
                return Optional.empty();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof QmpCommandException)) {
                    return Optional.of(cannotClaim(side, e.getCause()));
                }
            } catch (TimeoutException e) {
                return Optional.of(cannotClaim(side, e));
            }
            // the add failed: the object exists (a claim) or QEMU refused the add for another reason
            Optional<Claim> holder;
            try {
                holder = ClaimObject.claimOf(await(ClaimObject.read(client, timeout)));
            } catch (ExecutionException | TimeoutException e) {
                return Optional.of(cannotClaim(side, e));
            }
            if (holder.isEmpty()) {
                if (attempt == 0) {
                    continue; // released between the add and the read: try once more
                }
                return Optional.of("The " + side.label() + " refused the claim's object-add and carries no claim; "
                        + "nothing was sent.");
            }
            supervisor.submit(new Observation.ClaimPolled(side, supervisor.clock().instant(), holder));
            ClaimDecision decision = ClaimDecision.onHeld(side, me, holder.get(), processOf(holder.get()));
            if (decision instanceof ClaimDecision.Own) {
                return Optional.empty();
            }
            if (decision instanceof ClaimDecision.Refused refused) {
                return Optional.of(refused.sentence());
            }
            try {
                await(ClaimObject.delete(client, timeout));
            } catch (ExecutionException | TimeoutException e) {
                return Optional.of(cannotClaim(side, e));
            }
            journal(AuditKind.CLAIM_TAKEN_OVER, side, Map.of("stale", holder.get().text(), "holder", me.text()));
            supervisor.note(side, "CLAIM", "Took over a stale claim of " + holder.get().holder()
                    + ": that process no longer runs on this host", LogEntry.Severity.WARNING);
        }
        return Optional.of("The " + side.label() + "'s claim changed hands while this console tried to take it; "
                + "nothing was sent.");
    }

    private ClaimDecision.HolderProcess processOf(Claim holder) {
        if (!holder.identified() || !holder.host().equals(me.host())) {
            return ClaimDecision.HolderProcess.ELSEWHERE;
        }
        return ProcessHandle.of(holder.pid()).map(ProcessHandle::isAlive).orElse(false)
                ? ClaimDecision.HolderProcess.ALIVE_HERE : ClaimDecision.HolderProcess.GONE_HERE;
    }

    /**
     * Re-reads both sides just before the lost-heartbeat.
     *
     * @param quitSide the side whose QEMU the runbook quit, if it did
     * @return what changed since the claim, as a sentence; empty when the lost-heartbeat may go
     */
    public Optional<String> recheck(Side target, Optional<Side> quitSide) throws InterruptedException {
        List<String> changes = new ArrayList<>();
        for (Side side : Side.values()) {
            ClaimRecheck.SidePicture before = atClaim.getOrDefault(side, ClaimRecheck.SidePicture.silent());
            // a side that answered at the claim is asked again even when its heartbeat lags: a QEMU busy with the
            // runbook's own slow command (a stop draining its disks) answers no ping meanwhile, and was taken for
            // one that stopped answering, after its guest had been stopped (RunbookNotCutOffTest)
            ClaimRecheck.SidePicture now = before.answering() ? read(side) : picture(side);
            ClaimRecheck.changed(side, before, now, me, quitSide.equals(Optional.of(side))).ifPresent(changes::add);
            if (side == target.other() && changes.isEmpty()) {
                ClaimRecheck.otherAlreadyPromoted(target, now).ifPresent(changes::add);
            }
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("changed", String.join(" ", changes));
        journal(AuditKind.CLAIM_RECHECK, target, fields);
        return changes.isEmpty() ? Optional.empty() : Optional.of(String.join(" ", changes));
    }

    /** A side as QEMU says it now; a side that does not answer (or fails a read) reads as silent. */
    private ClaimRecheck.SidePicture picture(Side side) throws InterruptedException {
        if (!supervisor.snapshot().state().side(side).answering()) {
            return ClaimRecheck.SidePicture.silent();
        }
        return read(side);
    }

    /**
     * A side as QEMU answers now, whatever its heartbeat says; silent when it fails the reads (not connected: at once;
     * connected and silent: after the step timeout).
     */
    private ClaimRecheck.SidePicture read(Side side) throws InterruptedException {
        QmpClient client = supervisor.link(side).client();
        try {
            QmpValue colo = await(client.execute("query-colo-status", Map.of(), timeout));
            Optional<Claim> claim = ClaimObject.claimOf(await(ClaimObject.read(client, timeout)));
            return new ClaimRecheck.SidePicture(true,
                    Tag.of(ColoMode.class, colo.string("mode").orElse("unknown")),
                    colo.string("last-mode").map(raw -> Tag.of(ColoMode.class, raw)),
                    Tag.of(ColoExitReason.class, colo.string("reason").orElse("unknown")), claim);
        } catch (ExecutionException | TimeoutException e) {
            return ClaimRecheck.SidePicture.silent();
        }
    }

    /** Releases the claim on every side where it is still this console's, then this host's lock. */
    @Override
    public void close() {
        try {
            releaseSides();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (hostLock != null) {
                hostLock.close();
                hostLock = null;
            }
        }
    }

    private void releaseSides() throws InterruptedException {
        for (Side side : Side.values()) {
            if (!supervisor.snapshot().state().side(side).answering()) {
                continue;
            }
            QmpClient client = supervisor.link(side).client();
            try {
                Optional<Claim> holder = ClaimObject.claimOf(await(ClaimObject.read(client, timeout)));
                if (holder.map(me::sameHolder).orElse(false)) {
                    await(ClaimObject.delete(client, timeout));
                    journal(AuditKind.CLAIM_RELEASED, side, Map.of("holder", me.text()));
                    holder = Optional.empty();
                }
                supervisor.submit(new Observation.ClaimPolled(side, supervisor.clock().instant(), holder));
            } catch (ExecutionException | TimeoutException e) {
                supervisor.note(side, "CLAIM", "Could not release this console's claim (" + e.getMessage()
                        + "); clear it by hand: docs/colo-behaviour.md, \"The claim\"", LogEntry.Severity.WARNING);
            }
        }
    }

    private String cannotClaim(Side side, Throwable cause) {
        Throwable why = cause instanceof ExecutionException && cause.getCause() != null ? cause.getCause() : cause;
        return "The " + side.label() + " could not be claimed (" + why.getMessage() + "); nothing was sent.";
    }

    private QmpValue await(CompletableFuture<QmpValue> reply)
            throws InterruptedException, ExecutionException, TimeoutException {
        return reply.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
    }

    private void journal(AuditKind kind, Side side, Map<String, Object> fields) {
        supervisor.trail().record(kind, side, supervisor.clock().instant(), new LinkedHashMap<>(fields));
    }
}
