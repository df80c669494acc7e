package org.coloconsole.engine;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.coloconsole.colo.ProbeResult;
import org.coloconsole.colo.ServiceGap;
import org.coloconsole.colo.ServiceProbes;
import org.coloconsole.colo.Side;

/**
 * Probes both sides' services in rounds on its own thread for as long as a lifecycle action runs, as a client outside
 * would: which side serves changes during a swap, so a round counts as served when either side answers. The rounds
 * are read as a {@link ServiceGap}, whole or for one phase.
 */
public final class ServiceGapWatch implements AutoCloseable {
    /** COLO's first answers after a restore took 2.6–2.8 s (docs/colo-full-pair.md): a slow answer is still service. */
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);
    /**
     * For a side that did not answer in the last round: a side in COLO's secondary role never answers (its packets go
     * to the primary's compare), and waiting the full timeout on it each round would make the rounds coarse. A side
     * that starts serving answers in 0.03–0.1 s once out of COLO (docs/colo-full-pair.md).
     */
    private static final Duration SILENT_TIMEOUT = Duration.ofMillis(500);
    private static final long PAUSE_MILLIS = 200;
    private static final int FULL_EVERY = 5;

    private final ServiceProbes probes;
    private final ProbeRunner runner;
    private final ProbeRunner silentRunner;
    private final List<ServiceGap.Round> rounds = new ArrayList<>();
    private final Thread thread;
    /** The two sides are probed at once, so that a silent side does not stretch the round. */
    private final ExecutorService sides = Executors.newFixedThreadPool(2,
            runnable -> {
                Thread t = new Thread(runnable, "service-gap-probe");
                t.setDaemon(true);
                return t;
            });
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
        // as COLO has it when an action starts: the primary serves, the secondary's answers go to the compare
        boolean primaryServed = true;
        boolean secondaryServed = false;
        int round = 0;
        while (!stop) {
            // now and then a silent side gets the full timeout, so that a slow answer is seen at all
            boolean full = ++round % FULL_EVERY == 0;
            ProbeRunner forPrimary = primaryServed || full ? runner : silentRunner;
            ProbeRunner forSecondary = secondaryServed || full ? runner : silentRunner;
            Future<Optional<ProbeResult>> primaryProbe = sides.submit(() ->
                    probes.primary().map(p -> forPrimary.run(Side.PRIMARY, p)));
            Future<Optional<ProbeResult>> secondaryProbe = sides.submit(() ->
                    probes.secondary().map(p -> forSecondary.run(Side.SECONDARY, p)));
            Optional<ProbeResult> primary;
            Optional<ProbeResult> secondary;
            try {
                primary = primaryProbe.get();
                secondary = secondaryProbe.get();
            } catch (InterruptedException e) {
                return;
            } catch (ExecutionException e) {
                primary = Optional.empty();
                secondary = Optional.empty();
            }
            // the round counts when its answers arrived: a slow answer means the service was back only then
            long at = System.nanoTime();
            primaryServed = passed(primary);
            secondaryServed = passed(secondary);
            OptionalLong disk = disk(primary);
            if (disk.isEmpty()) {
                disk = disk(secondary);
            }
            synchronized (rounds) {
                rounds.add(new ServiceGap.Round(at, primaryServed, secondaryServed, disk));
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
        sides.shutdownNow();
        try {
            thread.join(PROBE_TIMEOUT.toMillis() * 3);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
