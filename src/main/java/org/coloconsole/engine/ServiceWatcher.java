package org.coloconsole.engine;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.coloconsole.colo.Observation;
import org.coloconsole.colo.PairSnapshot;
import org.coloconsole.colo.PairState;
import org.coloconsole.colo.ServiceStatus;
import org.coloconsole.colo.Side;
import org.coloconsole.colo.SideState;
import org.coloconsole.colo.Topology;
import org.coloconsole.qmp.Subscription;

/**
 * Keeps each side's topology and service probe current in the pair's state, on a thread of its own (never the FX,
 * reader or state thread): both are read when a side is (re)synced, when its COLO role or run changes, and when a
 * failover ends; between those, the probe every {@code probeEvery} and the topology every {@code topologyEvery} —
 * not at every heartbeat: a lab guest's HTTP answer in COLO costs the pair a few extra checkpoints
 * (docs/colo-full-pair.md).
 */
public final class ServiceWatcher implements AutoCloseable {
    /** The console's defaults: modest, so that watching costs the pair little. */
    public static final Duration PROBE_EVERY = Duration.ofSeconds(10);
    public static final Duration TOPOLOGY_EVERY = Duration.ofSeconds(30);

    private final PairSupervisor supervisor;
    private final TopologyDiscovery discovery;
    private final ProbeRunner probes;
    private final Duration probeEvery;
    private final Duration topologyEvery;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread t = new Thread(runnable, "service-watch");
        t.setDaemon(true);
        return t;
    });
    private final Map<Side, AtomicBoolean> topologyPending = new EnumMap<>(Side.class);
    private final Map<Side, AtomicBoolean> probePending = new EnumMap<>(Side.class);
    private Subscription snapshots;
    // state thread only: the last snapshot's facts that call for a fresh look
    private PairState seen;

    public ServiceWatcher(PairSupervisor supervisor, TopologyDiscovery discovery, ProbeRunner probes,
                          Duration probeEvery, Duration topologyEvery) {
        this.supervisor = supervisor;
        this.discovery = discovery;
        this.probes = probes;
        this.probeEvery = probeEvery;
        this.topologyEvery = topologyEvery;
        for (Side side : Side.values()) {
            topologyPending.put(side, new AtomicBoolean());
            probePending.put(side, new AtomicBoolean());
        }
    }

    /** With the console's intervals and a probe timeout of 3 s (a TCG guest in COLO answers within 0.1–0.9 s). */
    public static ServiceWatcher standard(PairSupervisor supervisor) {
        return new ServiceWatcher(supervisor, new TopologyDiscovery(supervisor.config().commandTimeout()),
                new ProbeRunner(supervisor.clock(), Duration.ofSeconds(3), supervisor.config().probes().allowRemote()),
                PROBE_EVERY, TOPOLOGY_EVERY);
    }

    public void start() {
        snapshots = supervisor.onSnapshot(this::onSnapshot);
        worker.scheduleWithFixedDelay(() -> everySide(true, false), probeEvery.toMillis(), probeEvery.toMillis(),
                TimeUnit.MILLISECONDS);
        worker.scheduleWithFixedDelay(() -> everySide(false, true), topologyEvery.toMillis(),
                topologyEvery.toMillis(), TimeUnit.MILLISECONDS);
        onSnapshot(supervisor.snapshot());
    }

    @Override
    public void close() {
        if (snapshots != null) {
            snapshots.close();
        }
        worker.shutdownNow();
    }

    /** On the state thread: must not block, so it only asks the worker for a fresh look. */
    private synchronized void onSnapshot(PairSnapshot snapshot) {
        PairState now = snapshot.state();
        PairState before = seen;
        seen = now;
        boolean failoverMoved = before == null || !before.failover().phase().equals(now.failover().phase());
        for (Side side : Side.values()) {
            if (failoverMoved || before == null || changed(before.side(side), now.side(side))) {
                request(side, true, true);
            }
        }
    }

    /** What can change a side's topology or whether its guest answers: a resync, its COLO role, its run, a fence. */
    private static boolean changed(SideState before, SideState after) {
        return (!before.synced() && after.synced())
                || !before.coloMode().equals(after.coloMode())
                || !before.lastExit().equals(after.lastExit())
                || !before.migrationStatus().equals(after.migrationStatus())
                || before.fenced() != after.fenced()
                || before.guestRuns() != after.guestRuns() && !after.checkpointing();
    }

    private void everySide(boolean probe, boolean topology) {
        for (Side side : Side.values()) {
            request(side, topology, probe);
        }
    }

    private void request(Side side, boolean topology, boolean probe) {
        try {
            if (topology && topologyPending.get(side).compareAndSet(false, true)) {
                worker.execute(() -> discover(side));
            }
            if (probe && probePending.get(side).compareAndSet(false, true)) {
                worker.execute(() -> probe(side));
            }
        } catch (RejectedExecutionException closed) {
            // closing: nothing is watched any more
        }
    }

    private void discover(Side side) {
        topologyPending.get(side).set(false);
        if (!supervisor.snapshot().state().side(side).answering()) {
            return;
        }
        try {
            Topology topology = discovery.discover(supervisor.link(side).client());
            // a side that went away during the reads answered nothing: keep what was known rather than "none"
            if (supervisor.snapshot().state().side(side).answering()) {
                supervisor.submit(new Observation.TopologyDiscovered(side, supervisor.clock().instant(), topology));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void probe(Side side) {
        probePending.get(side).set(false);
        SideState state = supervisor.snapshot().state().side(side);
        if (!ServiceStatus.shouldProbe(state)) {
            return;
        }
        supervisor.submit(new Observation.ServiceProbed(probes.run(side, state.service().probe().orElseThrow())));
    }
}
