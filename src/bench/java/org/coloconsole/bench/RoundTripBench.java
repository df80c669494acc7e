package org.coloconsole.bench;

import java.nio.charset.StandardCharsets;
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
 * Round trips of {@code query-status} against one real QEMU, our client beside raw-socket clients in the same run,
 * interleaved in blocks so that all see the same machine state. Each client holds its own monitor of the same QEMU
 * (a monitor serves one client at a time). Then 8 calls in flight: calls per second.
 *
 * <p>QEMU 7.2's monitor reads commands one byte per poll iteration (see README), so the bytes sent matter. The raw
 * clients are therefore measured twice: with the bare minimum {@code {"execute":"query-status"}}, and with an id
 * counting up exactly like ours ({@code {"execute":"query-status","id":N}}), the shortest line that can be routed.
 *
 * <p>Arguments (all optional): calls per client (10000), block size (1000), pipelined calls (20000).
 */
public final class RoundTripBench {
    private static final byte[] BARE = RawQmpClient.bytes("{\"execute\":\"query-status\"}\n");
    private static final int IN_FLIGHT = 8;
    private static final int WARMUP = 3_000;

    private static final String[] NAMES = {"raw", "raw+id", "raw+id+thread", "ours"};

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int block = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        int pipelined = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        System.out.printf(Locale.ROOT, "round trip: %d sequential query-status per client in blocks of %d, then "
                + "%d in flight x %d; %s, %d cores, %s %s, load average %s%n", calls, block, IN_FLIGHT, pipelined,
                LocalDate.now(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), loadAverage());
        try (QemuMonitorProcess qemu = QemuMonitorProcess.start(4, 4)) {
            run("unix", new Endpoint[] {qemu.unixEndpoint(0), qemu.unixEndpoint(1), qemu.unixEndpoint(2),
                qemu.unixEndpoint(3)}, calls, block, pipelined);
            run("tcp", new Endpoint[] {qemu.tcpEndpoint(0), qemu.tcpEndpoint(1), qemu.tcpEndpoint(2),
                qemu.tcpEndpoint(3)}, calls, block, pipelined);
        }
    }

    private static void run(String label, Endpoint[] monitors, int calls, int block, int pipelined)
            throws Exception {
        try (RawQmpClient raw = new RawQmpClient(monitors[0]);
             RawQmpClient rawWithId = new RawQmpClient(monitors[1]);
             RawThreadedQmpClient threaded = new RawThreadedQmpClient(monitors[2]);
             QmpClient ours = new QmpClient(QmpClientOptions.defaults("bench"))) {
            ours.connect(monitors[3]);
            // ids count from 1 in every client, as in ours (qmp_capabilities took id 1 there)
            long[] nextId = {2, 2};
            Call[] clients = {
                () -> raw.call(BARE),
                () -> rawWithId.call(withId(nextId[0]++)),
                () -> threaded.call(withId(nextId[1]++)),
                () -> ours.execute("query-status").get(10, TimeUnit.SECONDS),
            };
            for (int i = 0; i < WARMUP; i++) {
                for (Call client : clients) {
                    client.call();
                }
            }
            long[][] nanos = new long[clients.length][calls];
            for (int done = 0; done < calls; done += block) {
                int n = Math.min(block, calls - done);
                for (int c = 0; c < clients.length; c++) {
                    for (int i = 0; i < n; i++) {
                        long start = System.nanoTime();
                        clients[c].call();
                        nanos[c][done + i] = System.nanoTime() - start;
                    }
                }
            }
            double[] medians = new double[clients.length];
            for (int c = 0; c < clients.length; c++) {
                Arrays.sort(nanos[c]);
                medians[c] = percentile(nanos[c], 50);
                System.out.printf(Locale.ROOT, "%-4s %-14s median %7.1f us  p99 %7.1f us%n", label, NAMES[c],
                        medians[c], percentile(nanos[c], 99));
            }
            System.out.printf(Locale.ROOT, "%-4s ours/raw %.2f  ours/raw+id %.2f  ours/raw+id+thread %.2f%n", label,
                    medians[3] / medians[0], medians[3] / medians[1], medians[3] / medians[2]);

            double oursRate = pipelinedOurs(ours, pipelined);
            double rawRate = pipelinedRaw(raw, pipelined);
            System.out.printf(Locale.ROOT, "%-4s %d in flight: ours %,.0f calls/s | raw %,.0f calls/s%n", label,
                    IN_FLIGHT, oursRate, rawRate);
        }
    }

    private interface Call {
        void call() throws Exception;
    }

    private static byte[] withId(long id) {
        return ("{\"execute\":\"query-status\",\"id\":" + id + "}\n").getBytes(StandardCharsets.US_ASCII);
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
            raw.send(BARE);
        }
        for (int answered = 0; answered < total; answered++) {
            raw.awaitReturn();
            if (sent < total) {
                raw.send(BARE);
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

    private static String loadAverage() {
        try {
            return new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/loadavg")),
                    StandardCharsets.US_ASCII).split(" ")[0];
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    private RoundTripBench() {
    }
}
