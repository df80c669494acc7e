package org.coloconsole.bench;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.coloconsole.app.PairSession;
import org.coloconsole.app.cli.Cli;
import org.coloconsole.app.lab.CheckpointSample;
import org.coloconsole.app.lab.CheckpointWatch;
import org.coloconsole.app.lab.LabOptions;
import org.coloconsole.app.lab.LabPair;
import org.coloconsole.app.lab.LabPairKind;
import org.coloconsole.app.lab.LabSide;
import org.coloconsole.app.lab.LabSignal;
import org.coloconsole.colo.ReprotectOptions;
import org.coloconsole.colo.ServiceProbes;
import org.coloconsole.engine.HeartbeatSettings;
import org.coloconsole.engine.JournalAuditTrail;
import org.coloconsole.engine.PairClaims;
import org.coloconsole.engine.PairConfig;
import org.coloconsole.engine.ReprotectOutcome;
import org.coloconsole.engine.Reprotection;
import org.coloconsole.qmp.EventSubscription;
import org.coloconsole.qmp.QmpClient;
import org.coloconsole.qmp.QmpClientOptions;
import org.coloconsole.qmp.QmpValue;

/**
 * Restoring protection on the full lab pair, N times on one pair (issue 16, item 6): each round kills the secondary,
 * continues on the primary ({@code failover --to primary}), then
 * <ol>
 *   <li>the baseline: a new secondary (empty images, {@code -incoming defer}) and a bare {@code drive-mirror} of the
 *       primary's disk into its export, timed from the command to {@code BLOCK_JOB_READY}; then cancelled, and that
 *       secondary replaced by another fresh one;</li>
 *   <li>the console's restore ({@link Reprotection}, as {@code colo-console reprotect} runs it), timed from opening
 *       the session to PROTECTED, with its own copy and outage figures ({@link ReprotectOutcome});</li>
 *   <li>the pair's own checkpoint pauses afterwards ({@link CheckpointWatch}), against which the outage is judged.</li>
 * </ol>
 * Both copies move the same 16 MiB disk, so their rates compare as the inverse of their times.
 *
 * <p>Usage: ReprotectBench [rounds, default 10] [max-bandwidth in bytes/s set on the primary before each restore,
 * to try QEMU's migration speed against the outage; default: leave it as the flow does]
 */
public final class ReprotectBench {
    private static final Duration CHECKPOINT_DELAY = Duration.ofSeconds(2);
    private static final Duration STEP = Duration.ofSeconds(10);

    private ReprotectBench() {
    }

    private record Round(long baselineMirrorMs, long bytes, long consoleMirrorMs, long outageMs, long toProtectedMs,
                         List<Duration> pauses, String migration, String load) {
    }

    /** Set by the second argument: the primary's max-bandwidth before each restore (0: not set). */
    private static long maxBandwidth;

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        maxBandwidth = args.length > 1 ? Long.parseLong(args[1]) : 0;
        Path dir = Files.createTempDirectory("reprotect-bench");
        List<Round> results = new ArrayList<>();
        try (LabPair lab = LabPair.start(LabOptions.defaults().withKind(LabPairKind.FULL)
                .withCheckpointDelay(CHECKPOINT_DELAY).withStartTimeout(Duration.ofSeconds(180))
                .withRunDir(dir.resolve("lab")))) {
            String url = lab.state().side(LabSide.PRIMARY).serviceUrl().orElseThrow();
            awaitGuest(url);
            for (int i = 1; i <= rounds; i++) {
                Round r = round(lab, url, dir.resolve("journal-" + i));
                results.add(r);
                System.out.printf("round %d: bare drive-mirror %d ms, console's copy %d ms (%s of the bare rate), "
                                + "guest stopped %d ms (%s), start to PROTECTED %d ms, checkpoint pauses %s (load %s)%n",
                        i, r.baselineMirrorMs, r.consoleMirrorMs, percent(r.baselineMirrorMs, r.consoleMirrorMs),
                        r.outageMs, r.migration, r.toProtectedMs, r.pauses.stream().map(Duration::toMillis).toList(),
                        r.load);
            }
        } finally {
            BenchFiles.deleteTree(dir);
        }
        List<Duration> pauses = new ArrayList<>();
        results.forEach(r -> pauses.addAll(r.pauses));
        Collections.sort(pauses);
        long pause = pauses.isEmpty() ? -1 : pauses.get(pauses.size() / 2).toMillis();
        long mib = results.get(0).bytes >> 20;
        long bare = median(results, Round::baselineMirrorMs);
        long console = median(results, Round::consoleMirrorMs);
        System.out.printf("%d rounds, %d MiB disk: bare drive-mirror %s ms (%.0f MiB/s at the median), the console's "
                        + "copy %s ms (%.0f MiB/s): %s of the bare rate (goal >= 90 %%)%n", rounds, mib,
                stats(results, Round::baselineMirrorMs), mib * 1000.0 / bare, stats(results, Round::consoleMirrorMs),
                mib * 1000.0 / console, percent(bare, console));
        long outage = median(results, Round::outageMs);
        System.out.printf("guest stopped %s ms (median/max); checkpoint pause %d ms median, %d ms at most, over %d "
                        + "checkpoints: outage = %.1f x the pause at the median, %.1f x at the max (goal < 5)%n",
                stats(results, Round::outageMs), pause, pauses.isEmpty() ? -1 : pauses.get(pauses.size() - 1)
                        .toMillis(), pauses.size(), outage / (double) pause,
                max(results, Round::outageMs) / (double) pause);
        System.out.printf("start to PROTECTED %s ms (median/max)%n", stats(results, Round::toProtectedMs));
    }

    private static Round round(LabPair lab, String url, Path journal) throws Exception {
        lab.kill(LabSide.SECONDARY, LabSignal.KILL);
        String failover = cli(lab, url, journal, "failover", "--to", "primary", "--yes");
        if (!failover.startsWith("0")) {
            throw new IllegalStateException("the failover did not verify: " + failover);
        }
        lab.startNewSecondary();
        long[] bare = bareMirror(lab);
        lab.startNewSecondary();
        if (maxBandwidth > 0) {
            try (QmpClient primary = new QmpClient(QmpClientOptions.defaults("bench-primary"))) {
                primary.connect(lab.primaryHarnessEndpoint());
                call(primary, "migrate-set-parameters", Map.of("max-bandwidth", maxBandwidth));
            }
        }
        String load = Machine.loadAverage();
        long start = System.nanoTime();
        PairConfig config = PairConfig.of(lab.primaryConsoleEndpoint(), lab.secondaryConsoleEndpoint())
                .withHeartbeat(new HeartbeatSettings(Duration.ofMillis(500), 10, Duration.ofSeconds(10)))
                .withProbes(new ServiceProbes(lab.state().serviceProbes().primary(), Optional.empty(), false,
                        Duration.ofSeconds(30)));
        ReprotectOutcome outcome;
        List<String> timeline = Collections.synchronizedList(new ArrayList<>());
        long[] stopAt = new long[1];
        try (QmpClient primary = new QmpClient(QmpClientOptions.defaults("bench-primary"));
             QmpClient secondary = new QmpClient(QmpClientOptions.defaults("bench-secondary"));
             EventSubscription p = primary.subscribe(Set.of("STOP", "RESUME", "MIGRATION"),
                     e -> mark(timeline, stopAt, "primary", e));
             EventSubscription s = secondary.subscribe(Set.of("RESUME", "MIGRATION"),
                     e -> mark(timeline, stopAt, "secondary", e));
             PairSession session = PairSession.open(config, () -> JournalAuditTrail.open(journal.resolve("r")),
                Clock.systemUTC())) {
            primary.connect(lab.primaryHarnessEndpoint());
            secondary.connect(lab.secondaryHarnessEndpoint());
            if (!session.awaitKnown(Duration.ofSeconds(10))) {
                throw new IllegalStateException("the pair did not answer within 10 s");
            }
            Reprotection reprotection = new Reprotection(session.supervisor(), Duration.ofSeconds(5),
                    new Reprotection.Timeouts(Duration.ofMinutes(2), Duration.ofSeconds(60), Duration.ofSeconds(30)),
                    PairClaims.forThisProcess(System.getenv()));
            outcome = reprotection.run(options(), report -> { });
        }
        long toProtected = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        if (!outcome.protectedAgain()) {
            throw new IllegalStateException("not protected: " + outcome.sentence());
        }
        CheckpointSample sample = CheckpointWatch.watch(lab.primaryHarnessEndpoint(),
                CHECKPOINT_DELAY.multipliedBy(4));
        return new Round(bare[0], bare[1], outcome.mirror().orElseThrow().toMillis(),
                outcome.outage().orElseThrow().toMillis(), toProtected, sample.pauses(),
                "after stop: " + String.join(", ", timeline), load);
    }

    /** The window's events, in ms after the primary's STOP (the first STOP opens it; later ones are checkpoints). */
    private static void mark(List<String> timeline, long[] stopAt, String side, org.coloconsole.qmp.QmpEvent event) {
        long now = System.nanoTime();
        if (event.name().equals("STOP") && stopAt[0] == 0) {
            stopAt[0] = now;
            return;
        }
        if (stopAt[0] == 0 || timeline.size() >= 8) {
            return;
        }
        timeline.add(side + " " + event.name() + event.data().string("status").map(st -> " " + st).orElse("")
                + " +" + TimeUnit.NANOSECONDS.toMillis(now - stopAt[0]));
    }

    /**
     * {@code drive-mirror} alone, as the console sends it, into the new secondary's export: from the command to
     * {@code BLOCK_JOB_READY}; then the job cancelled and the export closed. Returns the time and the bytes copied.
     */
    private static long[] bareMirror(LabPair lab) throws Exception {
        int port = freePort();
        try (QmpClient primary = new QmpClient(QmpClientOptions.defaults("bench-primary"));
             QmpClient secondary = new QmpClient(QmpClientOptions.defaults("bench-secondary"))) {
            primary.connect(lab.primaryHarnessEndpoint());
            secondary.connect(lab.secondaryHarnessEndpoint());
            call(secondary, "nbd-server-start", Map.of("addr", Map.of("type", "inet", "data",
                    Map.of("host", "127.0.0.1", "port", Integer.toString(port)))));
            call(secondary, "nbd-server-add", Map.of("device", ReprotectOptions.GUIDE_EXPORT, "writable", true));
            CountDownLatch ready = new CountDownLatch(1);
            CountDownLatch gone = new CountDownLatch(1);
            long[] readyAt = new long[1];
            try (EventSubscription events = primary.subscribe(Set.of("BLOCK_JOB_READY", "BLOCK_JOB_COMPLETED",
                    "BLOCK_JOB_CANCELLED"), event -> {
                        if (event.name().equals("BLOCK_JOB_READY")) {
                            readyAt[0] = System.nanoTime();
                            ready.countDown();
                        } else {
                            gone.countDown();
                        }
                    })) {
                long sent = System.nanoTime();
                call(primary, "drive-mirror", Map.of("device", "colo-disk0", "job-id", "bench", "target",
                        "nbd://127.0.0.1:" + port + "/" + ReprotectOptions.GUIDE_EXPORT, "mode", "existing",
                        "format", "raw", "sync", "full"));
                if (!ready.await(120, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the bare mirror was not ready within 120 s");
                }
                long bytes = 0;
                for (QmpValue job : call(primary, "query-jobs", Map.of()).elements()) {
                    bytes = Math.max(bytes, job.get("total-progress").asLong(0));
                }
                call(primary, "block-job-cancel", Map.of("device", "bench"));
                gone.await(30, TimeUnit.SECONDS);
                call(secondary, "nbd-server-stop", Map.of());
                return new long[] {TimeUnit.NANOSECONDS.toMillis(readyAt[0] - sent), bytes};
            }
        }
    }

    /** The CLI's exit code, then what it printed. */
    private static String cli(LabPair lab, String url, Path journal, String... args) {
        StringWriter out = new StringWriter();
        picocli.CommandLine line = Cli.commandLine(start -> {
            throw new IllegalStateException("no window in a bench");
        }, () -> JournalAuditTrail.open(journal));
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(out, true));
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--primary", lab.primaryConsoleEndpoint().text(), "--secondary",
                lab.secondaryConsoleEndpoint().text(), "--probe-primary", url, "--service-within", "30s", "--wait",
                "10s", "--heartbeat", "500ms", "--misses", "10"));
        int exit = line.execute(all.toArray(String[]::new));
        return exit + " " + out;
    }

    private static ReprotectOptions options() throws java.io.IOException {
        return new ReprotectOptions("127.0.0.1", freePort(), "tcp:127.0.0.1:" + freePort(),
                ReprotectOptions.GUIDE_EXPORT, "127.0.0.1", freePort(), freePort(), CHECKPOINT_DELAY);
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static QmpValue call(QmpClient client, String command, Map<String, ?> arguments) throws Exception {
        return client.execute(command, arguments, STEP).get(STEP.toMillis() + 1000, TimeUnit.MILLISECONDS);
    }

    private static void awaitGuest(String url) throws InterruptedException {
        GuestAnswers guest = new GuestAnswers(Duration.ofMillis(500), Duration.ofSeconds(2));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (!guest.at(url)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the guest did not answer within 240 s");
            }
            Thread.sleep(250);
        }
    }

    private static String percent(long bareMs, long consoleMs) {
        return String.format("%.0f %%", 100.0 * bareMs / consoleMs);
    }

    private static long median(List<Round> rounds, java.util.function.ToLongFunction<Round> figure) {
        List<Long> values = new ArrayList<>();
        rounds.forEach(r -> values.add(figure.applyAsLong(r)));
        Collections.sort(values);
        return values.get(values.size() / 2);
    }

    private static long max(List<Round> rounds, java.util.function.ToLongFunction<Round> figure) {
        return rounds.stream().mapToLong(figure).max().orElse(-1);
    }

    private static String stats(List<Round> rounds, java.util.function.ToLongFunction<Round> figure) {
        return median(rounds, figure) + "/" + max(rounds, figure);
    }
}
