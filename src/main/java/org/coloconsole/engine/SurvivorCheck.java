package org.coloconsole.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.coloconsole.colo.FailoverPlan;
import org.coloconsole.colo.HeartbeatStatus;
import org.coloconsole.colo.PairState;
import org.coloconsole.colo.PollDecoder;
import org.coloconsole.colo.Side;
import org.coloconsole.colo.SideState;
import org.coloconsole.colo.Verification;
import org.coloconsole.qmp.QmpClient;
import org.coloconsole.qmp.QmpClientState;
import org.coloconsole.qmp.QmpValue;

/**
 * The runbook's last step: reads both sides afresh until the survivor is verified and the other side has settled.
 *
 * <p>What QEMU says, not what the console believes: the console's view of the other side can be stale in exactly the
 * dangerous direction (a {@code Fenced} note applied after a RESUME that a checkpoint sent before the stop's reply).
 *
 * <p>Settled, because a stopped side that is still in COLO can be started again by COLO itself: a checkpoint that was
 * already in flight when the survivor left COLO ends with the guest started (seen on the real pair by the lab
 * campaign: the secondary stopped, verified, then RESUME, then its COLO_EXIT). So while the other side still reports
 * COLO, it is watched for {@link #SETTLE}; found running, it is stopped again — the stop the operator confirmed — and
 * the watch starts over. Once out of COLO, no checkpoint can start it.
 */
final class SurvivorCheck {
    /** Longer than a checkpoint's own stop-to-start on the lab pair (tens of ms), short enough for an operator. */
    static final Duration SETTLE = Duration.ofSeconds(1);
    /** A guest that runs again after this many stops is not stopped by stopping it: say so rather than insist. */
    static final int MAX_RESTOPS = 3;
    /** How long the other side's fresh state is waited for before it is left to its heartbeat. */
    private static final Duration OTHER_SIDE_TIMEOUT = Duration.ofMillis(500);

    /** What the check found; {@code qemuNanos} is the time spent waiting on QEMU's own replies. */
    record Result(boolean verified, String sentence, long qemuNanos) {
    }

    private final PairSupervisor supervisor;
    private final Duration stepTimeout;
    private final Duration verifyTimeout;

    SurvivorCheck(PairSupervisor supervisor, Duration stepTimeout, Duration verifyTimeout) {
        this.supervisor = supervisor;
        this.stepTimeout = stepTimeout;
        this.verifyTimeout = verifyTimeout;
    }

    Result run(Side target) throws InterruptedException {
        Side otherSide = target.other();
        QmpClient client = supervisor.link(target).client();
        QmpClient otherClient = supervisor.link(otherSide).client();
        long deadline = System.nanoTime() + verifyTimeout.toNanos();
        long watchSince = 0; // since when the survivor is verified and the other side watched; 0: not yet
        long qemu = 0;
        int restops = 0;
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            long sent = System.nanoTime();
            try {
                // each reply reaches the state from the reader thread the moment it arrives, so it is applied before
                // any event QEMU sent after it (a RESUME), never after: a stale "paused" must not hide a new start
                boolean otherConnected = otherClient.state() == QmpClientState.RUNNING;
                CompletableFuture<QmpValue> otherStatus = otherConnected
                        ? polled(otherSide, "query-status", otherClient, OTHER_SIDE_TIMEOUT) : null;
                CompletableFuture<QmpValue> otherColo = otherConnected
                        ? polled(otherSide, "query-colo-status", otherClient, OTHER_SIDE_TIMEOUT) : null;
                CompletableFuture<QmpValue> coloReply = polled(target, "query-colo-status", client, stepTimeout);
                CompletableFuture<QmpValue> statusReply = polled(target, "query-status", client, stepTimeout);
                QmpValue colo = coloReply.get(remainingMillis(deadline, stepTimeout), TimeUnit.MILLISECONDS);
                QmpValue status = statusReply.get(remainingMillis(deadline, stepTimeout), TimeUnit.MILLISECONDS);
                qemu += System.nanoTime() - sent;
                String otherText = otherConnected ? answered(otherStatus, otherColo) : "not connected";
                PairState state = supervisor.settled().get(stepTimeout.toMillis(), TimeUnit.MILLISECONDS).state();
                String survivorText = target.label() + ": last-mode " + colo.string("last-mode").orElse("?")
                        + ", mode " + colo.string("mode").orElse("?") + ", reason " + colo.string("reason").orElse("?")
                        + "; " + status.string("status").orElse("?") + "; " + otherSide.label() + ": " + otherText;
                SideState other = state.side(otherSide);
                if (FailoverPlan.verified(state, target)) {
                    if (!mayStillStart(other)) {
                        return new Result(true, survivorText + restopped(otherSide, restops), qemu);
                    }
                    long now = System.nanoTime();
                    if (watchSince == 0) {
                        watchSince = now;
                        // the watch is the point of this step: it is not cut short by the verify timeout
                        deadline = Math.max(deadline, now + SETTLE.toNanos() + stepTimeout.toNanos());
                    }
                    if (now - watchSince >= SETTLE.toNanos()) {
                        String how = other.answering() ? "stopped" : "not answering, last seen stopped,";
                        return new Result(other.answering(), survivorText + "; " + how + " for "
                                + SETTLE.toMillis() + " ms while still in COLO" + restopped(otherSide, restops)
                                + (other.answering() ? "" : ": a checkpoint may still start it; fence its host"),
                                qemu);
                    }
                    last = "the " + otherSide.label() + " is still in COLO (" + survivorText + ")";
                } else {
                    watchSince = 0;
                    if (other.answering() && other.guestRuns() && state.side(target).tookOver()
                            && restops < MAX_RESTOPS) {
                        // the survivor took over and the other guest runs again: COLO started it; stop it again
                        restops++;
                        restop(otherClient, otherSide);
                    }
                    last = Verification.whyNot(state, target) + " (" + survivorText + ")";
                }
            } catch (ExecutionException | TimeoutException e) {
                // a read cut off by the deadline says nothing new: keep the last thing that did
                String why = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
                if (why != null) {
                    last = why;
                }
                watchSince = 0;
            }
            // the survivor's RESUME follows lost-heartbeat by 7-25 ms (docs/colo-behaviour.md): look again soon, but never spin
            Thread.sleep(5);
        }
        return new Result(false, "not verified within " + verifyTimeout.toMillis() + " ms: " + last
                + restopped(otherSide, restops), qemu);
    }

    /**
     * Whether COLO could still start the other side's guest: it answers and has not left COLO; or it no longer answers,
     * this runbook had stopped it ({@code fenced}) while it was in COLO, and its process is not known to be gone.
     */
    private static boolean mayStillStart(SideState other) {
        if (other.heartbeat().status() == HeartbeatStatus.LOST) {
            return false;
        }
        return other.answering() ? other.inColo() : other.fenced() && other.inColo();
    }

    /**
     * The command, its reply handed to the supervisor on the reader thread as soon as it arrives. The future returned
     * completes only after that hand-over, so a {@code settled()} asked after it includes the reply.
     */
    private CompletableFuture<QmpValue> polled(Side side, String command, QmpClient client, Duration timeout) {
        return client.execute(command, Map.of(), timeout).thenApply(value -> {
            submit(side, command, value);
            return value;
        });
    }

    private static long remainingMillis(long deadline, Duration cap) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        return Math.max(1, Math.min(left, cap.toMillis() + 1000));
    }

    private void restop(QmpClient otherClient, Side otherSide) throws InterruptedException {
        supervisor.note(otherSide, "ACTION", "The " + otherSide.label() + "'s guest ran again after the failover (a COLO "
                + "checkpoint started it): stopping it again", LogEntry.Severity.CRITICAL);
        try {
            otherClient.execute("stop", Map.of(), stepTimeout).get(stepTimeout.toMillis() + 1000,
                    TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // the next fresh read tells whether it stopped; the deadline bounds the attempts
        }
    }

    private static String restopped(Side otherSide, int restops) {
        return restops == 0 ? "" : "; the " + otherSide.label() + " ran again and was stopped again "
                + (restops == 1 ? "once" : restops + " times");
    }

    /** The other side's fresh answers (already handed to the supervisor), as text; no answer leaves it to the heartbeat. */
    private static String answered(CompletableFuture<QmpValue> status, CompletableFuture<QmpValue> colo)
            throws InterruptedException {
        try {
            QmpValue s = status.get(OTHER_SIDE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            QmpValue c = colo.get(OTHER_SIDE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return s.string("status").orElse("?") + ", COLO mode " + c.string("mode").orElse("?");
        } catch (ExecutionException | TimeoutException e) {
            return "no answer";
        }
    }

    private void submit(Side side, String command, QmpValue value) {
        Instant now = supervisor.clock().instant();
        PollDecoder.decode(side, now, command, value).ifPresent(supervisor::submit);
    }
}
