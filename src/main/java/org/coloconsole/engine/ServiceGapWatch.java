package org.coloconsole.engine;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.coloconsole.colo.ProbeResult;
import org.coloconsole.colo.ServiceGap;
import org.coloconsole.colo.ServiceProbe;
import org.coloconsole.colo.ServiceProbes;
import org.coloconsole.colo.Side;

/**
 * Probes both sides' services in rounds on its own thread for as long as a lifecycle action runs, as a client outside
 * would: which side serves changes during a swap, so a round counts as served when either side answers. The rounds
 * are read as a {@link ServiceGap}, whole or for one phase.
 */
public final class ServiceGapWatch implements AutoCloseable {
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    /**
     * For a side that did not answer in the last round: a side in COLO's secondary role never answers (its packets go
     * to the primary's compare), and waiting the full timeout on it each round would make the rounds coarse. A side
     * that starts serving answers in 0.03–0.1 s once out of COLO (docs/colo-full-pair.md).
     */
    private static final Duration SILENT_TIMEOUT = Duration.ofMillis(500);
    private static final long PAUSE_MILLIS = 200;

    private final ServiceProbes probes;
    private final ProbeRunner runner;
    private final ProbeRunner silentRunner;
    private final List<ServiceGap.Round> rounds = new ArrayList<>();
    private final Thread thread;
    private volatile boolean stop;

    /** @param probes the sides' probes, as the pair's configuration names them at the start of the action */
    public ServiceGapWatch(ServiceProbes probes) {
        this.probes = probes;
        this.runner = new ProbeRunner(Clock.systemUTC(), PROBE_TIMEOUT, probes.allowRemote());
        this.silentRunner = new ProbeRunner(Clock.systemUTC(), SILENT_TIMEOUT, probes.allowRemote());
        this.thread = new Thread(this::loop, "service-gap-watch");
        this.thread.setDaemon(true);
    }

    /** Whether there is anything to probe. */
    public boolean probing() {
        return probes.primary().isPresent() || probes.secondary().isPresent();
    }

    public void start() {
        if (probing()) {
            thread.start();
        }
    }

    private void loop() {
        boolean primaryServed = true;
        boolean secondaryServed = true;
        while (!stop) {
            long at = System.nanoTime();
            ProbeRunner forPrimary = primaryServed ? runner : silentRunner;
            ProbeRunner forSecondary = secondaryServed ? runner : silentRunner;
            Optional<ProbeResult> primary = probes.primary().map(p -> forPrimary.run(Side.PRIMARY, p));
            Optional<ProbeResult> secondary = probes.secondary().map(p -> forSecondary.run(Side.SECONDARY, p));
            primaryServed = passed(primary);
            secondaryServed = passed(secondary);
            OptionalLong disk = disk(primary);
            if (disk.isEmpty()) {
                disk = disk(secondary);
            }
            ServiceGap.Round round = new ServiceGap.Round(at, passed(primary), passed(secondary), disk);
            synchronized (rounds) {
                rounds.add(round);
            }
            try {
                Thread.sleep(PAUSE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static boolean passed(Optional<ProbeResult> result) {
        return result.map(ProbeResult::passed).orElse(false);
    }

    private static OptionalLong disk(Optional<ProbeResult> result) {
        return result.filter(ProbeResult::passed).map(ProbeResult::disk).orElse(OptionalLong.empty());
    }

    /** The rounds so far. */
    public ServiceGap gap() {
        synchronized (rounds) {
            return ServiceGap.of(List.copyOf(rounds));
        }
    }

    /** The rounds probed between two {@link System#nanoTime()} readings. */
    public ServiceGap between(long fromNanos, long toNanos) {
        List<ServiceGap.Round> within = new ArrayList<>();
        synchronized (rounds) {
            for (ServiceGap.Round round : rounds) {
                if (round.nanos() - fromNanos >= 0 && toNanos - round.nanos() >= 0) {
                    within.add(round);
                }
            }
        }
        return ServiceGap.of(within);
    }

    @Override
    public void close() {
        stop = true;
        thread.interrupt();
        try {
            thread.join(PROBE_TIMEOUT.toMillis() * 3);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
