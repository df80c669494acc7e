package org.coloconsole.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.coloconsole.colo.ColoSupportCheck;
import org.coloconsole.colo.ConnectFailure;
import org.coloconsole.colo.EventDecoder;
import org.coloconsole.colo.Observation;
import org.coloconsole.colo.PollDecoder;
import org.coloconsole.colo.Side;
import org.coloconsole.colo.SocketKind;
import org.coloconsole.qmp.QmpConnectException;
import org.coloconsole.qmp.QmpEvent;
import org.coloconsole.qmp.QmpException;
import org.coloconsole.qmp.QmpGreeting;
import org.coloconsole.qmp.QmpIntrospection;
import org.coloconsole.qmp.QmpProtocolException;
import org.coloconsole.qmp.QmpTimeoutException;
import org.coloconsole.qmp.QmpValue;

/** Translates one {@link SideLink}'s raw facts into domain observations (and hands raw events on for the log). */
final class ObservationSource implements SideLink.Listener {
    private final Side side;
    private final SocketKind socket;
    /** Stamps events from the monotonic time their line was read, not the wall time beside it. */
    private final MonotonicTimeline timeline;
    private final Consumer<Observation> observations;
    private final BiConsumer<QmpEvent, Observation> events;

    /**
     * @param events a QEMU event with its decoded observation, handed on together so that the log row and the state
     *               change cross onto the state thread once
     */
    ObservationSource(Side side, SocketKind socket, MonotonicTimeline timeline, Consumer<Observation> observations,
                      BiConsumer<QmpEvent, Observation> events) {
        this.side = side;
        this.socket = socket;
        this.timeline = timeline;
        this.observations = observations;
        this.events = events;
    }

    @Override
    public void attempting(int attempt, Instant at) {
        observations.accept(new Observation.Attempting(side, at, attempt));
    }

    @Override
    public void connected(QmpGreeting greeting, boolean reconnect, Instant at) {
        observations.accept(new Observation.Connected(side, at, greeting.version().toString(), reconnect));
    }

    @Override
    public void connectFailed(QmpConnectException.Reason reason, String sentence, Instant at) {
        observations.accept(new Observation.ConnectFailed(side, at, socket, ConnectFailure.valueOf(reason.name()), sentence));
    }

    @Override
    public void lost(QmpException cause, Instant at) {
        // only a peer that closed the socket is a process gone; a protocol error or our own disconnect says nothing
        // about whether QEMU still runs its guest
        Observation.Lost.Why why = cause == null ? Observation.Lost.Why.BY_USER
                : cause instanceof QmpTimeoutException ? Observation.Lost.Why.SILENT
                : cause instanceof QmpProtocolException p && p.kind() != QmpProtocolException.Kind.TRUNCATED_LINE
                ? Observation.Lost.Why.PROTOCOL_ERROR
                : Observation.Lost.Why.CLOSED_BY_PEER;
        observations.accept(new Observation.Lost(side, at, socket, why,
                cause == null ? "the console disconnected" : cause.getMessage()));
    }

    @Override
    public void event(QmpEvent event) {
        events.accept(event, EventDecoder.decode(side, event, timeline.at(event.receivedNanos())));
    }

    @Override
    public void polled(String command, QmpValue result, String error, Instant at) {
        if (error != null) {
            observations.accept(new Observation.PollFailed(side, at, command, error));
        } else {
            PollDecoder.decode(side, at, command, result).ifPresent(observations);
        }
    }

    @Override
    public void introspected(QmpIntrospection introspection, Instant at) {
        observations.accept(new Observation.ColoSupportChecked(side, at, ColoSupportCheck.check(introspection)));
    }

    @Override
    public void resynced(Instant at) {
        observations.accept(new Observation.Resynced(side, at));
    }

    @Override
    public void pingOk(Duration roundTrip, Instant at) {
        observations.accept(new Observation.PingOk(side, at, roundTrip));
    }

    @Override
    public void pingMissed(int consecutive, Duration silence, Instant at) {
        observations.accept(new Observation.PingMissed(side, at, consecutive, silence));
    }

    @Override
    public void eventsLost(long count, Instant at) {
        observations.accept(new Observation.EventsLost(side, at, count));
    }
}
