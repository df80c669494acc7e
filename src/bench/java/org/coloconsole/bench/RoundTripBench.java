package org.coloconsole.bench;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.coloconsole.qmp.Endpoint;
import org.coloconsole.qmp.QmpClient;
import org.coloconsole.qmp.QmpClientOptions;
import org.coloconsole.testing.QemuMonitorProcess;

/**
 * Round trips of {@code query-status} against one real QEMU: our client beside {@link RawQmpClient}, in the same
 * run, interleaved in blocks so that both see the same machine state. Each client has its own monitor of the same
 * QEMU (a monitor serves one client at a time). Then 8 calls in flight: calls per second.
 *
 * <p>Arguments (all optional): calls per client (10000), block size (1000), pipelined calls (20000).
 */
public final class RoundTripBench {
    private static final byte[] QUERY_STATUS = RawQmpClient.bytes("{\"execute\":\"query-status\"}\n");
    private static final int IN_FLIGHT = 8;

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int block = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        int pipelined = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        System.out.printf(Locale.ROOT, "round trip: %d sequential query-status per client in blocks of %d, "
                + "%d in flight x %d; %s, %d cores, %s %s%n", calls, block, IN_FLIGHT, pipelined, LocalDate.now(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"));
        try (QemuMonitorProcess qemu = QemuMonitorProcess.start(2, 2)) {
            run("unix", qemu.unixEndpoint(0), qemu.unixEndpoint(1), calls, block, pipelined);
            run("tcp ", qemu.tcpEndpoint(0), qemu.tcpEndpoint(1), calls, block, pipelined);
        }
    }

    private static void run(String label, Endpoint oursAt, Endpoint rawAt, int calls, int block, int pipelined)
            throws Exception {
        try (QmpClient ours = new QmpClient(QmpClientOptions.defaults("bench"));
             RawQmpClient raw = new RawQmpClient(rawAt)) {
            ours.connect(oursAt);
            // warm both up (JIT, caches) outside the measurement
            for (int i = 0; i < 3_000; i++) {
                ours.execute("query-status").get(10, TimeUnit.SECONDS);
                raw.call(QUERY_STATUS);
            }
            long[] oursNanos = new long[calls];
            long[] rawNanos = new long[calls];
            for (int done = 0; done < calls; done += block) {
                int n = Math.min(block, calls - done);
                for (int i = 0; i < n; i++) {
                    long start = System.nanoTime();
                    raw.call(QUERY_STATUS);
                    rawNanos[done + i] = System.nanoTime() - start;
                }
                for (int i = 0; i < n; i++) {
                    long start = System.nanoTime();
                    ours.execute("query-status").get(10, TimeUnit.SECONDS);
                    oursNanos[done + i] = System.nanoTime() - start;
                }
            }
            Arrays.sort(oursNanos);
            Arrays.sort(rawNanos);
            double oursMedian = percentile(oursNanos, 50);
            double rawMedian = percentile(rawNanos, 50);
            System.out.printf(Locale.ROOT, "%s  ours: median %7.1f us  p99 %7.1f us | raw: median %7.1f us  "
                    + "p99 %7.1f us | ours/raw median %.2f%n", label, oursMedian, percentile(oursNanos, 99),
                    rawMedian, percentile(rawNanos, 99), oursMedian / rawMedian);

            double oursRate = pipelinedOurs(ours, pipelined);
            double rawRate = pipelinedRaw(raw, pipelined);
            System.out.printf(Locale.ROOT, "%s  %d in flight: ours %,.0f calls/s | raw %,.0f calls/s%n", label,
                    IN_FLIGHT, oursRate, rawRate);
        }
    }

    private static double pipelinedOurs(QmpClient client, int total) throws Exception {
        Semaphore slots = new Semaphore(IN_FLIGHT);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            slots.acquire();
            CompletableFuture<?> call = client.execute("query-status");
            call.whenComplete((value, error) -> {
                if (error != null) {
                    failure.compareAndSet(null, error);
                }
                slots.release();
            });
        }
        if (!slots.tryAcquire(IN_FLIGHT, 30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("pipelined calls did not finish within 30 s");
        }
        long elapsed = System.nanoTime() - start;
        if (failure.get() != null) {
            throw new IllegalStateException("a pipelined call failed", failure.get());
        }
        return total / (elapsed / 1e9);
    }

    private static double pipelinedRaw(RawQmpClient raw, int total) throws Exception {
        long start = System.nanoTime();
        int sent = 0;
        for (; sent < Math.min(IN_FLIGHT, total); sent++) {
            raw.send(QUERY_STATUS);
        }
        for (int answered = 0; answered < total; answered++) {
            raw.awaitReturn();
            if (sent < total) {
                raw.send(QUERY_STATUS);
                sent++;
            }
        }
        return total / ((System.nanoTime() - start) / 1e9);
    }

    /** Nearest-rank percentile of sorted nanoseconds, in microseconds. */
    private static double percentile(long[] sortedNanos, double p) {
        int rank = (int) Math.ceil(p / 100 * sortedNanos.length);
        return sortedNanos[Math.max(0, rank - 1)] / 1_000.0;
    }

    private RoundTripBench() {
    }
}
