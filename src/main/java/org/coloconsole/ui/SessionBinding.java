package org.coloconsole.ui;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.coloconsole.colo.AutoFailoverDecision;
import org.coloconsole.colo.ConnectionStatus;
import org.coloconsole.colo.PairSnapshot;
import org.coloconsole.colo.SideState;
import org.coloconsole.engine.JournalHealth;
import org.coloconsole.engine.LogEntry;
import org.coloconsole.qmp.Subscription;
import org.coloconsole.ui.dashboard.DashboardModel;
import org.coloconsole.ui.dashboard.SideCardViewModel;
import org.coloconsole.ui.fx.CoalescingUpdater;
import org.coloconsole.ui.fx.FxThread;
import org.coloconsole.ui.fx.Tone;
import org.coloconsole.ui.log.LogViewModel;
import org.kordamp.ikonli.material2.Material2AL;

/**
 * Feeds one session into the window: state changes coalesce (latest wins) and log rows batch, each crossing into the
 * FX thread through {@link FxThread}. Closing it stops the feed before the session closes, so no late update lands in
 * a window that shows another pair.
 */
final class SessionBinding implements AutoCloseable {
    /** Log rows handed over per crossing at most; a flood is spread over several pulses. */
    static final int MAX_ROWS_PER_CROSSING = 5_000;
    /** Log rows reach the table at most ten times a second: measured, this keeps a flooded window drawing. */
    static final Duration LOG_CROSSING_INTERVAL = Duration.ofMillis(100);

    private final WindowSession session;
    private final AtomicBoolean open = new AtomicBoolean(true);
    private final Subscription changes;
    private final Subscription logRows;
    private final Subscription autoFailover;

    SessionBinding(WindowSession session, FxThread fx, DashboardModel dashboard, LogViewModel log,
                   ConsoleStatusBar status) {
        this.session = Objects.requireNonNull(session, "session");
        CoalescingUpdater<PairSnapshot> state = new CoalescingUpdater<>(fx, snapshot -> {
            if (open.get()) {
                dashboard.apply(snapshot);
                showConnection(status.primary(), snapshot.state().primary());
                showConnection(status.secondary(), snapshot.state().secondary());
                showJournal(status, session);
            }
        });
        BatchingQueue<LogEntry> rows = new BatchingQueue<>(fx, MAX_ROWS_PER_CROSSING, LOG_CROSSING_INTERVAL, batch -> {
            if (open.get()) {
                log.append(batch);
            }
        });
        changes = session.onChange(state::offer);
        autoFailover = session.autoFailover().map(port -> {
            CoalescingUpdater<AutoFailoverDecision> countdown = new CoalescingUpdater<>(fx, decision -> {
                if (open.get()) {
                    dashboard.banner().showAutoFailover(decision);
                }
            });
            dashboard.banner().onCancel(port::cancel);
            dashboard.banner().onRearm(port::rearm);
            countdown.offer(port.decision());
            return port.onDecision(countdown::offer);
        }).orElse(() -> { });
        logRows = session.onLog(rows::add);
        showJournal(status, session);
        state.offer(session.current());
    }

    /** Redrawn with every snapshot (at least every heartbeat tick), so a disk that fills or frees shows within one. */
    static void showJournal(ConsoleStatusBar status, WindowSession session) {
        JournalHealth health = session.journalHealth();
        if (health.failing()) {
            status.journal().show("Journal: cannot write", Tone.FAIL);
            status.journal().getTooltip().setText(health.sentence());
            return;
        }
        // the file name fits the bar; the whole path is in the tooltip
        status.journal().show(session.journalFile().map(p -> "Journal: " + p.getFileName()).orElse("Journal: off"),
                session.journalFile().isPresent() ? Tone.OK : Tone.WARN);
        status.journal().getTooltip().setText(session.journalFile().map(p -> "Journal: " + p).orElse("Journal: off"));
    }

    static void showConnection(StatusItem item, SideState side) {
        Tone tone = switch (side.heartbeat().status()) {
            case HEALTHY -> Tone.OK;
            case LOST, UNREACHABLE -> Tone.FAIL;
            case UNKNOWN, SLOW, UNRESPONSIVE -> Tone.WARN;
        };
        item.show(SideCardViewModel.statusLine(side), tone, side.connection() == ConnectionStatus.CONNECTED
                ? Material2AL.LINK : Material2AL.LINK_OFF);
    }

    WindowSession session() {
        return session;
    }

    @Override
    public void close() {
        if (open.compareAndSet(true, false)) {
            changes.close();
            logRows.close();
            autoFailover.close();
            // the session itself is closed by the window off the FX thread: closing waits for a running failover
        }
    }
}
