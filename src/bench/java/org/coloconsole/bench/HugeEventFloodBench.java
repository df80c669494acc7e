package org.coloconsole.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.coloconsole.colo.HeartbeatStatus;
import org.coloconsole.colo.Side;
import org.coloconsole.colo.SideState;
import org.coloconsole.engine.FatalErrors;
import org.coloconsole.engine.JournalAuditTrail;
import org.coloconsole.engine.PairConfig;
import org.coloconsole.engine.PairSupervisor;
import org.coloconsole.testing.QemuMonitorProcess;

/**
 * Issue 15, item 2: a primary that sends 1 MB events as fast as it can, beside a healthy real QEMU as the secondary,
 * for {@code SECONDS} (default 60). Reports whether the healthy side's heartbeat verdicts stay on time (its status
 * sampled every 50 ms, and the longest time between two answered pings as the supervisor saw them), the process's
 * RSS (peak, from /proc/self/status), and whether any thread died (a {@link FatalErrors} is the default handler).
 *
 * <p>Run: {@code src/bench/run.sh hugeflood [SECONDS]}, with the packaged heap ({@code -Xmx} as in packaging/) in
 * JAVA_OPTS to compare RSS with "heap + 150 MB".
 */
public final class HugeEventFloodBench {
    private HugeEventFloodBench() {
    }

    public static void main(String[] args) throws Exception {
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 60;
        FatalErrors fatal = new FatalErrors();
        Thread.setDefaultUncaughtExceptionHandler(fatal);
        AtomicReference<String> died = new AtomicReference<>("none");
        fatal.subscribe(f -> died.set(f.sentence()));
        Path dir = Files.createTempDirectory("hugeflood");
        try (FloodPeer flood = new FloodPeer(dir, "primary", 3);
             QemuMonitorProcess qemu = QemuMonitorProcess.startUnix();
             JournalAuditTrail trail = JournalAuditTrail.open(dir.resolve("journal"))) {
            PairSupervisor supervisor = new PairSupervisor(PairConfig.of(flood.endpoint(), qemu.unixEndpoint()),
                    trail, Clock.systemUTC());
            supervisor.start();
            flood.awaitClient(20);
            Thread.sleep(1000);
            CompletableFuture<Long> sent = CompletableFuture.supplyAsync(() -> {
                try {
                    return flood.blastHuge(1_000_000, seconds);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            long samples = 0;
            long notHealthy = 0;
            long lastChange = System.nanoTime();
            long worstStale = 0;
            Object lastRoundTrip = null;
            long peakRss = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            while (System.nanoTime() < deadline) {
                SideState healthy = supervisor.snapshot().state().side(Side.SECONDARY);
                samples++;
                if (healthy.heartbeat().status() != HeartbeatStatus.HEALTHY) {
                    notHealthy++;
                }
                // the time between two answered pings as the state saw them: how late the healthy side's verdicts can be
                Object rt = healthy.heartbeat().lastOkAt().orElse(null);
                long now = System.nanoTime();
                if (!java.util.Objects.equals(rt, lastRoundTrip)) {
                    lastRoundTrip = rt;
                    lastChange = now;
                }
                worstStale = Math.max(worstStale, now - lastChange);
                peakRss = Math.max(peakRss, rssKb());
                Thread.sleep(50);
            }
            long events = sent.join();
            System.out.printf("hugeflood: %d s, %d events of 1 MB sent (%.0f MB/s), journal %s%n", seconds, events,
                    events / (double) seconds, trail.location());
            System.out.printf("healthy side: %d/%d samples not HEALTHY; longest time without a new ping answer "
                    + "%d ms (interval 250 ms)%n", notHealthy, samples, worstStale / 1_000_000);
            System.out.printf("flooded side: %s; peak RSS %d MB, max heap %d MB; fatal error: %s%n",
                    supervisor.snapshot().state().side(Side.PRIMARY).heartbeat().status(), peakRss / 1024,
                    Runtime.getRuntime().maxMemory() / (1024 * 1024), died.get());
            supervisor.close();
        }
    }

    private static long rssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (java.io.IOException | NumberFormatException e) {
            // not Linux: no figure
        }
        return 0;
    }
}
