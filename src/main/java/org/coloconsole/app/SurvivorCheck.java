package org.coloconsole.app;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.coloconsole.colo.FailoverPlan;
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
    /** How long the other side's fresh state is waited for before it is left to its heartbeat. */
    private static final Duration OTHER_SIDE_TIMEOUT = Duration.ofMillis(500);

    /** What the check found; {@code qemuNanos} is the time spent waiting on QEMU's own replies. */
    record Result(boolean verified, String sentence, long qemuNanos, int restops) {
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
        long settledSince = 0; // when the other side was last seen stopped after the survivor was verified; 0: not yet
        long qemu = 0;
        int restops = 0;
        String last = "no answer";
        String watching = null; // survivor verified, the other side stopped but still in COLO: what was seen
        while (System.nanoTime() < deadline) {
            long sent = System.nanoTime();
            try {
                boolean otherConnected = otherClient.state() == QmpClientState.RUNNING;
                CompletableFuture<QmpValue> otherStatus = otherConnected
                        ? otherClient.execute("query-status", Map.of(), OTHER_SIDE_TIMEOUT) : null;
                CompletableFuture<QmpValue> otherColo = otherConnected
                        ? otherClient.execute("query-colo-status", Map.of(), OTHER_SIDE_TIMEOUT) : null;
                QmpValue colo = client.execute("query-colo-status", Map.of(), stepTimeout)
                        .get(stepTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
                QmpValue status = client.execute("query-status", Map.of(), stepTimeout)
                        .get(stepTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
                qemu += System.nanoTime() - sent;
                submit(target, "query-colo-status", colo);
                submit(target, "query-status", status);
                String otherText = otherConnected ? fresh(otherSide, otherStatus, otherColo) : "not connected";
                PairState state = supervisor.settled().get(stepTimeout.toMillis(), TimeUnit.MILLISECONDS).state();
                String survivorText = target.label() + ": last-mode " + colo.string("last-mode").orElse("?")
                        + ", mode " + colo.string("mode").orElse("?") + ", reason " + colo.string("reason").orElse("?")
                        + "; " + status.string("status").orElse("?") + "; " + otherSide.label() + ": " + otherText;
                SideState other = state.side(otherSide);
                if (FailoverPlan.verified(state, target)) {
                    if (!other.answering() || !other.inColo()) {
                        return new Result(true, survivorText + restopped(otherSide, restops), qemu, restops);
                    }
                    long now = System.nanoTime();
                    settledSince = settledSince == 0 ? now : settledSince;
                    watching = survivorText + "; stopped for " + TimeUnit.NANOSECONDS.toMillis(now - settledSince)
                            + " ms while still in COLO";
                    if (now - settledSince >= SETTLE.toNanos()) {
                        return new Result(true, watching + restopped(otherSide, restops), qemu, restops);
                    }
                    Thread.sleep(5);
                    continue;
                }
                watching = null;
                settledSince = 0;
                if (other.answering() && other.guestRuns() && state.side(target).tookOver()) {
                    // the survivor took over and the other guest runs again: COLO started it; stop it again
                    restops++;
                    restop(otherClient, otherSide);
                }
                last = Verification.whyNot(state, target) + " (" + survivorText + ")";
                // the survivor's RESUME follows lost-heartbeat by 7-25 ms (colo-lab.md): look again soon
                Thread.sleep(5);
            } catch (ExecutionException | TimeoutException e) {
                last = String.valueOf(e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
                watching = null;
                settledSince = 0;
            }
        }
        if (watching != null) {
            // a verify timeout shorter than the watch ends it: stopped when the time ran out is verified
            return new Result(true, watching + restopped(otherSide, restops), qemu, restops);
        }
        return new Result(false, "not verified within " + verifyTimeout.toMillis() + " ms: " + last
                + restopped(otherSide, restops), qemu, restops);
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

    /** The other side's fresh run state and COLO status, handed to the supervisor; no answer leaves it to the heartbeat. */
    private String fresh(Side side, CompletableFuture<QmpValue> status, CompletableFuture<QmpValue> colo)
            throws InterruptedException {
        try {
            QmpValue s = status.get(OTHER_SIDE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            QmpValue c = colo.get(OTHER_SIDE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            submit(side, "query-status", s);
            submit(side, "query-colo-status", c);
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
