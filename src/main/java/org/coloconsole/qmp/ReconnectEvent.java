package org.coloconsole.qmp;

import java.time.Duration;

/** What a {@link ReconnectingSession} is doing, for observers (the domain turns these into observations). */
public sealed interface ReconnectEvent {

    /** Connection attempt number {@code attempt} (1 = first since start or since the last success) begins. */
    record Attempting(int attempt, Endpoint endpoint) implements ReconnectEvent {
    }

    /** Connected and negotiated; {@code reconnect} is true when an earlier connection existed (events were missed). */
    record Connected(int attempt, QmpGreeting greeting, boolean reconnect) implements ReconnectEvent {
    }

    /** An attempt failed; the next one comes after {@code retryIn}. */
    record AttemptFailed(int attempt, QmpException cause, Duration retryIn) implements ReconnectEvent {
    }

    /** An established connection ended; reconnecting follows. */
    record Lost(QmpException cause) implements ReconnectEvent {
    }

    /** The resync hook finished after a connect. */
    record Resynced(boolean reconnect) implements ReconnectEvent {
    }

    /** The resync hook failed; the connection stays, the state may be stale. */
    record ResyncFailed(Throwable cause) implements ReconnectEvent {
    }

    /** {@link ReconnectingSession#stop()} was called: no more attempts. */
    record Stopped() implements ReconnectEvent {
    }
}
