package org.coloconsole.qmp;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Keeps a {@link QmpClient} connected: connects, and after every failure or lost connection tries again after the
 * {@link Backoff}'s delay; the attempt counter restarts after each success. After every connect it runs the resync
 * hook, because QEMU does not replay the events a disconnected client missed. Stops only when told to.
 *
 * <p>All attempts run on the given {@link Scheduler}'s thread, one at a time.
 */
public final class ReconnectingSession implements AutoCloseable {
    private final QmpClient client;
    private final Endpoint endpoint;
    private final Backoff backoff;
    private final Scheduler scheduler;
    private final Function<QmpClient, CompletionStage<?>> resync;
    private final List<Consumer<ReconnectEvent>> listeners = new CopyOnWriteArrayList<>();
    private final Subscription stateSubscription;

    private final Object lock = new Object();
    private boolean started;
    private boolean stopped;
    private boolean everConnected;
    /** Set by the state listener itself, so that a loss is judged in the order the client announced it. */
    private boolean sessionUp;
    private int attempt;
    private Scheduler.Task next;

    public ReconnectingSession(QmpClient client, Endpoint endpoint, Backoff backoff, Scheduler scheduler,
                               Function<QmpClient, CompletionStage<?>> resync) {
        this.client = client;
        this.endpoint = endpoint;
        this.backoff = backoff;
        this.scheduler = scheduler;
        this.resync = resync;
        this.stateSubscription = client.onStateChange(this::onClientState);
    }

    public QmpClient client() {
        return client;
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    /** Observers are called on the scheduler's or the client's timer thread; they must not block. */
    public Subscription onEvent(Consumer<ReconnectEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Begins connecting at once. */
    public void start() {
        synchronized (lock) {
            if (started || stopped) {
                return;
            }
            started = true;
            next = scheduler.schedule(this::attempt, Duration.ZERO);
        }
    }

    /** No more attempts; disconnects the client. Idempotent. */
    public void stop() {
        synchronized (lock) {
            if (stopped) {
                return;
            }
            stopped = true;
            if (next != null) {
                next.cancel();
            }
        }
        client.disconnect();
        emit(new ReconnectEvent.Stopped());
    }

    /** Connection attempts since the last success (0 while connected). */
    public int attempts() {
        synchronized (lock) {
            return attempt;
        }
    }

    @Override
    public void close() {
        stop();
        stateSubscription.close();
    }

    private void attempt() {
        int number;
        synchronized (lock) {
            if (stopped || client.state() != QmpClientState.IDLE) {
                return;
            }
            number = ++attempt;
        }
        emit(new ReconnectEvent.Attempting(number, endpoint));
        QmpGreeting greeting;
        try {
            greeting = client.connect(endpoint);
        } catch (QmpException e) {
            Duration wait = backoff.delay(number);
            synchronized (lock) {
                if (stopped) {
                    return;
                }
                next = scheduler.schedule(this::attempt, wait);
            }
            emit(new ReconnectEvent.AttemptFailed(number, e, wait));
            return;
        }
        boolean reconnect;
        synchronized (lock) {
            reconnect = everConnected;
            everConnected = true;
            attempt = 0;
        }
        emit(new ReconnectEvent.Connected(number, greeting, reconnect));
        runResync(reconnect);
    }

    private void runResync(boolean reconnect) {
        CompletionStage<?> stage;
        try {
            stage = resync.apply(client);
        } catch (RuntimeException e) {
            emit(new ReconnectEvent.ResyncFailed(e));
            return;
        }
        stage.whenComplete((ignored, error) -> emit(error == null
                ? new ReconnectEvent.Resynced(reconnect) : new ReconnectEvent.ResyncFailed(error)));
    }

    private void onClientState(QmpStateChange change) {
        // a connect attempt that fails goes CONNECTING -> IDLE and is handled in attempt(); only a session that
        // ended (RUNNING, then DISCONNECTING -> IDLE) is a lost connection. Whether it was RUNNING is judged from
        // the announcements themselves, not from attempt(): a monitor that drops the client at once can end the
        // session before connect() has even returned to attempt().
        if (change.to() == QmpClientState.RUNNING) {
            synchronized (lock) {
                sessionUp = true;
            }
            return;
        }
        if (change.to() != QmpClientState.IDLE || change.from() != QmpClientState.DISCONNECTING) {
            return;
        }
        synchronized (lock) {
            boolean wasUp = sessionUp;
            sessionUp = false;
            if (stopped || !started || !wasUp) {
                return;
            }
            attempt = 0;
            next = scheduler.schedule(this::attempt, backoff.delay(1));
        }
        emit(new ReconnectEvent.Lost(change.cause()));
    }

    private void emit(ReconnectEvent event) {
        for (Consumer<ReconnectEvent> listener : listeners) {
            listener.accept(event);
        }
    }
}
