package org.coloconsole.ui;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.coloconsole.app.GuiLauncher.PairEndpoints;
import org.coloconsole.app.HeartbeatSettings;
import org.coloconsole.app.LogEntry;
import org.coloconsole.app.LogFeed;
import org.coloconsole.app.SideLink;
import org.coloconsole.colo.ConnectFailure;
import org.coloconsole.colo.EventDecoder;
import org.coloconsole.colo.HeartbeatPolicy;
import org.coloconsole.colo.Observation;
import org.coloconsole.colo.PairReducer;
import org.coloconsole.colo.PairState;
import org.coloconsole.colo.PollDecoder;
import org.coloconsole.colo.Recommendation;
import org.coloconsole.colo.Recommender;
import org.coloconsole.colo.Side;
import org.coloconsole.qmp.ExponentialBackoff;
import org.coloconsole.qmp.QmpClientOptions;
import org.coloconsole.qmp.QmpConnectException;
import org.coloconsole.qmp.QmpEvent;
import org.coloconsole.qmp.QmpException;
import org.coloconsole.qmp.QmpGreeting;
import org.coloconsole.qmp.QmpValue;
import org.coloconsole.ui.dashboard.FailoverPort;
import org.coloconsole.ui.dashboard.PairSnapshot;
import org.coloconsole.ui.dashboard.PairStateAdapter;

/**
 * A pair session over the app layer's {@link SideLink}s and the domain's reducer and recommender.
 *
 * <p>Stop-gap: the app layer's {@code PairSupervisor} (with journaling) is to replace this; until it lands the
 * console still needs to watch a real pair. It decides nothing itself: the reducer, recommender, interlock and plan
 * do; it only wires them, serialised under one lock.
 */
public final class EngineSession implements PairSession {
    private final Clock clock;
    private final PairReducer reducer = new PairReducer(HeartbeatPolicy.defaults());
    private final PairStateAdapter adapter;
    private final LogFeed feed = new LogFeed();
    private final Map<Side, SideLink> links = new EnumMap<>(Side.class);
    private final List<Consumer<PairSnapshot>> changeListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<LogEntry>> logListeners = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private final EngineFailover failover;
    private PairState state;
    private Recommendation.Kind lastKind;

    public EngineSession(PairEndpoints pair, HeartbeatSettings heartbeat, Clock clock, java.time.ZoneId zone) {
        this.clock = clock;
        this.adapter = new PairStateAdapter(zone);
        this.state = PairState.initial(pair.primary().toString(), pair.secondary().toString(), clock.instant());
        for (Side side : Side.values()) {
            links.put(side, new SideLink(side.label(), side == Side.PRIMARY ? pair.primary() : pair.secondary(),
                    QmpClientOptions.defaults(side.label()), heartbeat, ExponentialBackoff.standard(new Random()),
                    clock, new Listener(side)));
        }
        this.failover = new EngineFailover(this, links, clock);
        links.values().forEach(SideLink::start);
    }

    /** Applies an observation and tells the listeners; any thread. */
    void observe(Observation o) {
        PairSnapshot snapshot;
        LogEntry note = null;
        synchronized (lock) {
            PairState before = state;
            state = reducer.reduce(state, o);
            Instant now = clock.instant();
            Recommendation r = Recommender.recommend(state, now);
            if (r.kind() != lastKind) {
                lastKind = r.kind();
                note = feed.note(null, "RECOMMENDATION", r.headline(), severity(r.kind()), now);
            }
            if (state.equals(before) && note == null) {
                return;
            }
            snapshot = adapter.snapshot(state, r, now);
        }
        changeListeners.forEach(l -> l.accept(snapshot));
        if (note != null) {
            log(note);
        }
    }

    PairState state() {
        synchronized (lock) {
            return state;
        }
    }

    void log(LogEntry entry) {
        logListeners.forEach(l -> l.accept(entry));
    }

    LogFeed feed() {
        return feed;
    }

    private static LogEntry.Severity severity(Recommendation.Kind kind) {
        switch (kind) {
            case PROTECTED:
                return LogEntry.Severity.INFO;
            case DEGRADED:
            case WAIT:
                return LogEntry.Severity.WARNING;
            default:
                return LogEntry.Severity.CRITICAL;
        }
    }

    @Override
    public PairSnapshot current() {
        synchronized (lock) {
            Instant now = clock.instant();
            return adapter.snapshot(state, Recommender.recommend(state, now), now);
        }
    }

    @Override
    public void onChange(Consumer<PairSnapshot> listener) {
        changeListeners.add(listener);
    }

    @Override
    public void onLog(Consumer<LogEntry> listener) {
        logListeners.add(listener);
    }

    @Override
    public FailoverPort failover() {
        return failover;
    }

    @Override
    public Optional<Path> journalFile() {
        return Optional.empty();
    }

    @Override
    public void close() {
        links.values().forEach(SideLink::close);
    }

    /** One side's raw facts, turned into observations and log rows. */
    private final class Listener implements SideLink.Listener {
        private final Side side;

        Listener(Side side) {
            this.side = side;
        }

        @Override
        public void attempting(int attempt, Instant at) {
            observe(new Observation.Attempting(side, at, attempt));
        }

        @Override
        public void connected(QmpGreeting greeting, boolean reconnect, Instant at) {
            observe(new Observation.Connected(side, at, greeting.version().toString(), reconnect));
            log(feed.note(side.label(), reconnect ? "RECONNECTED" : "CONNECTED",
                    (reconnect ? "Reconnected to the " : "Connected to the ") + side.label() + " (QEMU "
                            + greeting.version() + ")" + (reconnect ? "; events while away were lost, re-reading state" : ""),
                    reconnect ? LogEntry.Severity.WARNING : LogEntry.Severity.INFO, at));
        }

        @Override
        public void connectFailed(QmpConnectException.Reason reason, String sentence, Instant at) {
            observe(new Observation.ConnectFailed(side, at, ConnectFailure.valueOf(reason.name()), sentence));
        }

        @Override
        public void lost(QmpException cause, Instant at) {
            String sentence = cause == null ? "the connection ended" : cause.getMessage();
            observe(new Observation.Lost(side, at, sentence));
            log(feed.note(side.label(), "GAP", "Connection to the " + side.label() + " lost: " + sentence
                    + ". Events from now until a reconnect are not seen.", LogEntry.Severity.CRITICAL, at));
        }

        @Override
        public void event(QmpEvent event) {
            log(feed.event(side.label(), event));
            observe(EventDecoder.decode(side, event));
        }

        @Override
        public void polled(String command, QmpValue result, String error, Instant at) {
            if (error != null) {
                observe(new Observation.PollFailed(side, at, command, error));
            } else {
                PollDecoder.decode(side, at, command, result).ifPresent(EngineSession.this::observe);
            }
        }

        @Override
        public void resynced(Instant at) {
            observe(new Observation.Resynced(side, at));
        }

        @Override
        public void pingOk(Duration roundTrip, Instant at) {
            observe(new Observation.PingOk(side, at, roundTrip));
        }

        @Override
        public void pingMissed(int consecutive, Duration silence, Instant at) {
            observe(new Observation.PingMissed(side, at, consecutive, silence));
        }
    }
}
