package org.coloconsole.qmp;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * A QMP client for one monitor: greeting and capability negotiation under a deadline, commands routed by id with
 * per-call timeouts and a bound on calls in flight, and events fanned out to subscribers.
 *
 * <p>Threads: one reader per connection; one "timer" thread per client that fires timeouts, sends calls that waited
 * for a free slot, and announces state changes in order. Neither the reader nor the timer ever waits on a caller.
 * Subscriptions survive reconnects: subscribe once, then {@link #connect} as often as needed.
 */
public final class QmpClient implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(QmpClient.class.getName());

    /** Ids start at 1; 0 is the capability negotiation's, which runs before any call. */
    private static final int FIRST_CALL_ID = 1;
    private static final long NEGOTIATION_ID = 0;

    private final QmpClientOptions options;
    private final QmpCodec codec = new QmpCodec();
    private final ScheduledThreadPoolExecutor timer;
    private final AtomicInteger subscriberCount = new AtomicInteger();
    private final List<EventSubscription> subscribers = new CopyOnWriteArrayList<>();
    private final AtomicReference<EventSubscription> inOrder = new AtomicReference<>();
    private final List<Consumer<QmpStateChange>> stateListeners = new CopyOnWriteArrayList<>();
    private final Object writeLock = new Object();

    // guarded by lock
    private final Object lock = new Object();
    private final Map<Long, PendingCall> pending = new HashMap<>();
    /**
     * Ids in use. Each call takes the lowest free one: QEMU 7.2 reads commands one byte per recvmsg (~3 µs a byte), so
     * a short id is a faster round trip. A call that timed out keeps its id until its late reply arrives or the
     * session ends, so a late reply is never taken for a newer call's.
     */
    private final BitSet idsInUse = new BitSet();
    private final ArrayDeque<PendingCall> waiting = new ArrayDeque<>();
    /**
     * In-band calls that hold a slot but are not written yet, in the order they took it. Whoever writes takes them
     * from here, so frames leave in that order whichever thread writes: a call let go by a reply never falls behind
     * one made just after it.
     */
    private final ArrayDeque<PendingCall> unwritten = new ArrayDeque<>();
    private int inFlight;
    private int generation;
    private Transport transport;
    private Transport connecting;
    private Endpoint endpoint;
    private boolean oobEnabled;
    private boolean closed;

    private volatile QmpClientState state = QmpClientState.IDLE;
    private volatile QmpGreeting greeting;
    private volatile QmpException lastFailure;

    public QmpClient(QmpClientOptions options) {
        this.options = options;
        this.timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread t = new Thread(runnable, "qmp-" + options.name() + "-timer");
            t.setDaemon(true);
            return t;
        });
        this.timer.setRemoveOnCancelPolicy(true);
    }

    public QmpClientOptions options() {
        return options;
    }

    public QmpClientState state() {
        return state;
    }

    /** The greeting of the current or last connection. */
    public Optional<QmpGreeting> greeting() {
        return Optional.ofNullable(greeting);
    }

    /** Why the last connection ended or failed; empty after a clean, requested disconnect. */
    public Optional<QmpException> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }

    /** The endpoint of the current or last connection. */
    public Optional<Endpoint> endpoint() {
        synchronized (lock) {
            return Optional.ofNullable(endpoint);
        }
    }

    /**
     * Connects, reads the greeting and negotiates capabilities (enabling {@code oob} when offered). Blocks for at most
     * the connect timeout plus the handshake timeout.
     */
    public QmpGreeting connect(Endpoint target) throws QmpException {
        synchronized (lock) {
            if (closed) {
                throw new QmpStateException("this client is closed");
            }
            if (state != QmpClientState.IDLE) {
                throw new QmpStateException("already " + state.name().toLowerCase() + " to " + endpoint);
            }
            endpoint = target;
            changeState(QmpClientState.CONNECTING, null);
        }
        Transport opened;
        try {
            opened = Connector.open(target, options, timer);
        } catch (QmpConnectException e) {
            connectFailed(e);
            throw e;
        }
        synchronized (lock) {
            if (state != QmpClientState.CONNECTING) {
                opened.close();
                QmpException e = new QmpStateException("the connection to " + target + " was cancelled");
                connectFailed(e);
                throw e;
            }
            connecting = opened;
        }
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> watchdog = timer.schedule(() -> {
            expired.set(true);
            opened.close();
        }, options.handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        Incoming reader = new Incoming(new LineReader(opened, options.maxLineBytes()), codec.lineDecoder());
        QmpGreeting greeted;
        boolean oob;
        try {
            greeted = readGreeting(reader, target);
            oob = greeted.offers("oob");
            negotiate(reader, opened, oob);
        } catch (IOException | QmpException e) {
            watchdog.cancel(false);
            opened.close();
            QmpException failure = expired.get() ? noGreeting(target, e) : asConnectFailure(target, e);
            connectFailed(failure);
            throw failure;
        }
        watchdog.cancel(false);
        int session;
        synchronized (lock) {
            connecting = null;
            if (state != QmpClientState.CONNECTING || expired.get()) {
                opened.close();
                QmpException e = expired.get() ? noGreeting(target, null)
                        : new QmpStateException("the connection to " + target + " was cancelled");
                connectFailed(e);
                throw e;
            }
            transport = opened;
            oobEnabled = oob;
            greeting = greeted;
            lastFailure = null;
            session = ++generation;
            changeState(QmpClientState.RUNNING, null);
        }
        Thread readerThread = new Thread(() -> readLoop(session, reader, target), "qmp-" + options.name() + "-reader");
        readerThread.setDaemon(true);
        readerThread.start();
        return greeted;
    }

    public CompletableFuture<QmpValue> execute(String command) {
        return execute(command, null, options.commandTimeout());
    }

    public CompletableFuture<QmpValue> execute(String command, Map<String, ?> arguments) {
        return execute(command, arguments, options.commandTimeout());
    }

    /** Sends a command; the future completes with its {@code return} value or fails with a {@link QmpException}. */
    public CompletableFuture<QmpValue> execute(String command, Map<String, ?> arguments, Duration timeout) {
        return submit(command, arguments, timeout, false);
    }

    /** Sends an out-of-band command ({@code exec-oob}): it overtakes queued commands; QEMU runs it at once. */
    public CompletableFuture<QmpValue> executeOob(String command, Map<String, ?> arguments) {
        return submit(command, arguments, options.commandTimeout(), true);
    }

    /** Events whose name is in {@code eventNames} (all when empty), in arrival order, on the subscription's thread. */
    public EventSubscription subscribe(Set<String> eventNames, Consumer<QmpEvent> handler) {
        return subscribe(eventNames, handler, options.subscriberQueueBytes());
    }

    /** As {@link #subscribe(Set, Consumer)}, with this subscriber's own queue bound in bytes. */
    public EventSubscription subscribe(Set<String> eventNames, Consumer<QmpEvent> handler, long queueBytes) {
        EventSubscription[] holder = new EventSubscription[1];
        holder[0] = new EventSubscription("qmp-" + options.name() + "-events-" + subscriberCount.incrementAndGet(),
                eventNames, handler, queueBytes, () -> {
                    subscribers.remove(holder[0]);
                    inOrder.compareAndSet(holder[0], null);
                });
        subscribers.add(holder[0]);
        return holder[0];
    }

    /**
     * As {@link #subscribe(Set, Consumer)}, and every reply of this client completes on this subscription's thread,
     * between the events as QEMU sent them: a state fed by both sees them in QEMU's order (a reply cannot overtake
     * the event before it). One per client; callbacks on replies must then not block on another reply.
     *
     * @throws IllegalStateException when the client has one already
     */
    public EventSubscription subscribeInOrder(Set<String> eventNames, Consumer<QmpEvent> handler) {
        EventSubscription s = subscribe(eventNames, handler);
        if (!inOrder.compareAndSet(null, s)) {
            s.close();
            throw new IllegalStateException("this client already delivers its replies in order with its events");
        }
        return s;
    }

    /** State changes in order, on the client's timer thread; a listener must not block. */
    public Subscription onStateChange(Consumer<QmpStateChange> listener) {
        stateListeners.add(listener);
        return () -> stateListeners.remove(listener);
    }

    /** Ends the connection; pending calls fail with {@link QmpInterruptedException}. Idempotent. */
    public void disconnect() {
        Transport toClose;
        List<PendingCall> interrupted;
        synchronized (lock) {
            if (state == QmpClientState.CONNECTING) {
                // connect() notices on its own thread and finishes the way to IDLE
                if (connecting != null) {
                    connecting.close();
                }
                changeState(QmpClientState.DISCONNECTING, null);
                return;
            }
            if (state != QmpClientState.RUNNING) {
                return;
            }
            changeState(QmpClientState.DISCONNECTING, null);
            toClose = transport;
            transport = null;
            interrupted = drainCalls();
        }
        endSession(toClose, interrupted, null);
    }

    /**
     * Ends the current session as failed with {@code cause}, as if the connection had broken: pending calls fail with
     * it, and a {@link ReconnectingSession} reconnects. For a caller that has judged a connection useless (it stayed
     * silent) when the socket itself says nothing — a network partition sends no reset.
     */
    public void drop(QmpException cause) {
        int session;
        synchronized (lock) {
            if (state != QmpClientState.RUNNING) {
                return;
            }
            session = generation;
        }
        fail(session, cause);
    }

    @Override
    public void close() {
        disconnect();
        synchronized (lock) {
            closed = true;
        }
        for (EventSubscription s : subscribers) {
            s.close();
        }
        // let queued state notifications run, then stop the timer thread
        timer.shutdown();
    }

    // --- sending ---

    private CompletableFuture<QmpValue> submit(String command, Map<String, ?> arguments, Duration timeout,
                                               boolean outOfBand) {
        PendingCall call;
        long id;
        Transport target;
        int session;
        synchronized (lock) {
            if (state != QmpClientState.RUNNING) {
                return CompletableFuture.failedFuture(new QmpStateException(
                        "cannot send " + command + ": not connected" + (endpoint == null ? "" : " to " + endpoint)));
            }
            if (outOfBand && !oobEnabled) {
                return CompletableFuture.failedFuture(new QmpStateException(
                        "cannot send " + command + " out of band: this QEMU did not offer the oob capability"));
            }
            id = idsInUse.nextClearBit(FIRST_CALL_ID);
            byte[] frame;
            try {
                frame = codec.encodeCommand(command, arguments, id, outOfBand);
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(new IllegalArgumentException(
                        "the arguments of " + command + " cannot be written as JSON: " + e.getMessage(), e));
            }
            idsInUse.set((int) id);
            call = new PendingCall(id, command, frame, timeout);
            PendingCall created = call;
            call.timer = timer.schedule(() -> created.fail(new QmpTimeoutException(command, timeout)),
                    timeout.toMillis(), TimeUnit.MILLISECONDS);
            call.result.whenComplete((value, error) -> finished(created));
            if (!outOfBand && inFlight >= options.maxInFlight()) {
                waiting.add(call);
                return call.result;
            }
            pending.put(id, call);
            target = transport;
            session = generation;
            if (!outOfBand) {
                inFlight++;
                call.holdsSlot = true;
                unwritten.add(call);
            }
        }
        if (outOfBand) {
            send(call, target, session); // it overtakes by design
        } else {
            writeUnwritten(target, session);
        }
        return call.result;
    }

    /** Writes the in-band calls that hold a slot, oldest first, until none is left or the session ends. */
    private void writeUnwritten(Transport target, int session) {
        synchronized (writeLock) {
            while (true) {
                PendingCall next;
                synchronized (lock) {
                    if (generation != session) {
                        return; // that session's calls were failed with it
                    }
                    next = unwritten.poll();
                }
                if (next == null || !send(next, target, session)) {
                    return;
                }
            }
        }
    }

    private boolean send(PendingCall call, Transport target, int session) {
        try {
            synchronized (writeLock) {
                target.write(call.frame, 0, call.frame.length);
            }
            return true;
        } catch (IOException e) {
            fail(session, new QmpDisconnectedException("writing " + call.command + " to " + endpointText()
                    + " failed: " + e.getMessage(), e));
            return false;
        }
    }

    /** Every call ends here once, however it ended: frees its slot and lets the next waiting call go. */
    private void finished(PendingCall call) {
        PendingCall next = null;
        Transport target;
        int session;
        synchronized (lock) {
            // still in pending: it ended without a reply (timeout, cancel) and stays there, id reserved, until the late
            // reply or the session's end; answered calls were already removed by route()
            if (pending.get(call.id) != call && waiting.remove(call)) {
                idsInUse.clear((int) call.id);
            }
            if (call.holdsSlot) {
                call.holdsSlot = false;
                inFlight--;
                if (state == QmpClientState.RUNNING && !waiting.isEmpty()) {
                    next = waiting.poll();
                    next.holdsSlot = true;
                    inFlight++;
                    pending.put(next.id, next);
                    unwritten.add(next);
                }
            }
            target = transport;
            session = generation;
        }
        if (next != null) {
            // never write on the reader thread: a reader blocked on a full socket could not drain replies
            timer.execute(() -> writeUnwritten(target, session));
        }
    }

    // --- reading ---

    private QmpGreeting readGreeting(Incoming reader, Endpoint target) throws IOException, QmpException {
        if (!reader.next()) {
            // after a TLS handshake with a client certificate configured or required, QEMU closing is its verdict on it
            throw new QmpConnectException(target, target instanceof Endpoint.Tls && options.tls().isPresent()
                    ? QmpConnectException.Reason.REJECTED : QmpConnectException.Reason.IO,
                    closedBeforeGreeting(target), null);
        }
        QmpMessage first;
        try {
            first = reader.message();
        } catch (QmpProtocolException e) {
            // whatever is wrong with the first line, the operator's question is the same: is this a QMP monitor?
            throw new QmpProtocolException(QmpProtocolException.Kind.BAD_GREETING,
                    target + " did not start with a QMP greeting (" + e.getMessage() + "): is this a QMP monitor?", e);
        }
        if (!(first instanceof QmpMessage.Greeting)) {
            throw new QmpProtocolException(QmpProtocolException.Kind.BAD_GREETING,
                    target + " did not start with a QMP greeting: is this a QMP monitor?", null);
        }
        return ((QmpMessage.Greeting) first).greeting();
    }

    private void negotiate(Incoming reader, Transport opened, boolean enableOob) throws IOException, QmpException {
        long id = NEGOTIATION_ID;
        byte[] frame = codec.encodeCommand("qmp_capabilities",
                enableOob ? Map.of("enable", List.of("oob")) : null, id, false);
        opened.write(frame, 0, frame.length);
        while (true) {
            if (!reader.next()) {
                throw new QmpProtocolException(QmpProtocolException.Kind.NEGOTIATION_FAILED,
                        "the peer closed the connection during capability negotiation", null);
            }
            QmpMessage message = reader.message();
            if (message instanceof QmpMessage.Return r && isId(r.id(), id)) {
                return;
            }
            if (message instanceof QmpMessage.Error e) {
                throw new QmpProtocolException(QmpProtocolException.Kind.NEGOTIATION_FAILED,
                        "capability negotiation failed: " + e.errorClass() + ": " + e.description(), null);
            }
            // anything else before the reply (nothing, in QEMU) is not ours to route yet: skip it
        }
    }

    private void readLoop(int session, Incoming reader, Endpoint target) {
        try {
            while (reader.next()) {
                route(session, reader.message());
            }
            fail(session, new QmpDisconnectedException(target + " closed the connection", null));
        } catch (QmpProtocolException e) {
            fail(session, e);
        } catch (IOException e) {
            fail(session, new QmpDisconnectedException("the connection to " + target + " failed: " + e.getMessage(), e));
        } catch (RuntimeException e) {
            // a bug of ours must still end the session cleanly rather than leave callers waiting
            fail(session, new QmpProtocolException(QmpProtocolException.Kind.BAD_MESSAGE,
                    "internal error while reading from " + target + ": " + e, e));
        }
    }

    /**
     * One connection's lines and their decoder, used by the connecting thread for the greeting and negotiation and
     * then by the reader thread alone (the thread's start orders the two).
     */
    private record Incoming(LineReader lines, QmpLineDecoder decoder) {
        boolean next() throws IOException, QmpProtocolException {
            return lines.next();
        }

        QmpMessage message() throws QmpProtocolException {
            return decoder.decode(lines.buffer(), lines.lineOffset(), lines.lineLength(), Instant.now(),
                    System.nanoTime());
        }
    }

    private void route(int session, QmpMessage message) throws QmpProtocolException {
        if (message instanceof QmpMessage.Event e) {
            for (EventSubscription s : subscribers) {
                s.offer(e.event());
            }
            return;
        }
        QmpValue id;
        if (message instanceof QmpMessage.Return r) {
            id = r.id();
        } else if (message instanceof QmpMessage.Error e) {
            id = e.id();
        } else {
            LOG.log(System.Logger.Level.WARNING, "{0}: ignoring a second greeting", options.name());
            return;
        }
        if (id == null) {
            synchronized (lock) {
                long waitingForReply = pending.values().stream().filter(c -> !c.result.isDone()).count();
                if (session == generation && waitingForReply > 0) {
                    throw new QmpProtocolException(QmpProtocolException.Kind.UNROUTABLE_REPLY,
                            "the peer sent a reply without an id while " + waitingForReply
                                    + " calls were pending" + errorText(message), null);
                }
            }
            LOG.log(System.Logger.Level.WARNING, "{0}: dropped a reply without an id{1}", options.name(),
                    errorText(message));
            return;
        }
        PendingCall call = null;
        // exactly: 1.5, "1" or 1e0 are not the id 1 the console sent, and must not answer call 1
        OptionalLong exact = id.exactLong();
        if (exact.isPresent()) {
            synchronized (lock) {
                call = pending.remove(exact.getAsLong());
                if (call != null) {
                    idsInUse.clear((int) call.id);
                }
            }
        }
        if (call == null) {
            LOG.log(System.Logger.Level.DEBUG, "{0}: dropped a reply with unknown id {1}", options.name(), id);
            return;
        }
        if (call.result.isDone()) {
            LOG.log(System.Logger.Level.DEBUG, "{0}: dropped the late reply to {1}", options.name(), call.command);
            return;
        }
        PendingCall answered = call;
        Runnable completion = () -> {
            if (message instanceof QmpMessage.Return r) {
                answered.complete(r.value());
            } else {
                QmpMessage.Error e = (QmpMessage.Error) message;
                answered.fail(new QmpCommandException(answered.command, e.errorClass(), e.description()));
            }
        };
        EventSubscription ordered = inOrder.get();
        if (ordered != null && ordered.isOpen()) {
            ordered.runInOrder(completion);
        } else {
            completion.run();
        }
    }

    // --- ending ---

    private void fail(int session, QmpException cause) {
        Transport toClose;
        List<PendingCall> interrupted;
        synchronized (lock) {
            if (session != generation || state != QmpClientState.RUNNING) {
                return;
            }
            lastFailure = cause;
            changeState(QmpClientState.DISCONNECTING, cause);
            toClose = transport;
            transport = null;
            interrupted = drainCalls();
        }
        LOG.log(System.Logger.Level.DEBUG, "{0}: connection ended: {1}", options.name(), cause.getMessage());
        endSession(toClose, interrupted, cause);
    }

    private List<PendingCall> drainCalls() {
        List<PendingCall> all = new ArrayList<>(pending.values());
        all.addAll(waiting);
        pending.clear();
        waiting.clear();
        unwritten.clear();
        idsInUse.clear();
        for (PendingCall call : all) {
            call.holdsSlot = false;
        }
        inFlight = 0;
        return all;
    }

    private void endSession(Transport toClose, List<PendingCall> interrupted, QmpException cause) {
        if (toClose != null) {
            toClose.close();
        }
        for (PendingCall call : interrupted) {
            call.fail(new QmpInterruptedException(call.command, cause));
        }
        synchronized (lock) {
            changeState(QmpClientState.IDLE, cause);
        }
    }

    private void connectFailed(QmpException cause) {
        synchronized (lock) {
            connecting = null;
            lastFailure = cause;
            if (state == QmpClientState.CONNECTING) {
                changeState(QmpClientState.IDLE, cause);
            } else if (state == QmpClientState.DISCONNECTING) {
                changeState(QmpClientState.IDLE, null);
            }
        }
    }

    /** Called with the lock held, so transitions are announced in the order they happen. */
    private void changeState(QmpClientState to, QmpException cause) {
        QmpStateChange change = new QmpStateChange(state, to, cause, Instant.now());
        state = to;
        if (stateListeners.isEmpty() || timer.isShutdown()) {
            return;
        }
        timer.execute(() -> {
            for (Consumer<QmpStateChange> listener : stateListeners) {
                try {
                    listener.accept(change);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "a state listener failed", e);
                }
            }
        });
    }

    private QmpConnectException noGreeting(Endpoint target, Throwable cause) {
        return new QmpConnectException(target, QmpConnectException.Reason.NO_GREETING, target
                + " accepted the connection but did not complete the QMP handshake within "
                + options.handshakeTimeout().toMillis()
                + " ms (another client may hold this monitor, or QEMU is stopped or hung)", cause);
    }

    /** QEMU with {@code verify-peer=on} checks the client certificate after the handshake and just hangs up. */
    private String closedBeforeGreeting(Endpoint target) {
        if (!(target instanceof Endpoint.Tls) || options.tls().isEmpty()) {
            return target + " closed the connection before greeting";
        }
        TlsSettings tls = options.tls().get();
        if (tls.certificateFile() == null) {
            return target + " closed the connection after the TLS handshake: it requires a client certificate"
                    + " (QEMU runs with verify-peer=on); " + SecurityRemedy.GIVE_CLIENT_CERTIFICATE.phrase();
        }
        return target + " closed the connection after the TLS handshake: it rejected the client certificate in "
                + tls.certificateFile() + " (it must be signed by the CA in QEMU's ca-cert.pem and not be expired)";
    }

    private QmpException asConnectFailure(Endpoint target, Exception e) {
        if (e instanceof QmpException q) {
            return q;
        }
        if (target instanceof Endpoint.Tls tls && options.tls().isPresent() && TlsFailures.isTls(e)) {
            // TLS 1.3 servers refuse a client certificate after the handshake, so the refusal arrives on this read
            return TlsFailures.describe(tls, options.tls().get(), e);
        }
        return new QmpConnectException(target, QmpConnectException.Reason.IO,
                "the QMP handshake with " + target + " failed: " + e.getMessage(), e);
    }

    private String endpointText() {
        synchronized (lock) {
            return String.valueOf(endpoint);
        }
    }

    private static boolean isId(QmpValue value, long id) {
        return value != null && value.exactLong().equals(OptionalLong.of(id));
    }

    private static String errorText(QmpMessage message) {
        return message instanceof QmpMessage.Error e ? " (" + e.errorClass() + ": " + e.description() + ")" : "";
    }
}
