package org.coloconsole.fullpair;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.coloconsole.app.cli.Cli;
import org.coloconsole.app.lab.CheckpointSample;
import org.coloconsole.app.lab.CheckpointWatch;
import org.coloconsole.app.lab.LabOptions;
import org.coloconsole.app.lab.LabPair;
import org.coloconsole.app.lab.LabPairKind;
import org.coloconsole.app.lab.LabSide;
import org.coloconsole.engine.JournalAuditTrail;
import org.coloconsole.journal.JournalReader;
import org.coloconsole.journal.JournalRecord;
import org.coloconsole.qmp.QmpClient;
import org.coloconsole.qmp.QmpClientOptions;
import org.coloconsole.qmp.QmpValue;
import org.coloconsole.testing.GuestPage;
import org.coloconsole.testing.LabTiming;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Protecting a plain pair from the start (issue 16, item 2): the lab's primary runs its guest alone, never in COLO,
 * with the guide's disk and proxy chardevs; the secondary waits with {@code -incoming defer} and empty disks;
 * {@code protect} copies the disk, adds what the primary lacks, and brings COLO up with the guest serving.
 */
class LabProtectTest {
    private static final Duration SERVICE = LabTiming.bound(Duration.ofSeconds(40));
    private static final Duration WITHIN = LabTiming.bound(Duration.ofSeconds(15));
    private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    Path temp;

    @Test
    void aPlainPairIsProtectedTheChardevsFromTheCommandLineAreNotAddedAgainAndTheGuestKeepsServing()
            throws Exception {
        try (LabPair pair = LabPair.start(LabOptions.defaults().withKind(LabPairKind.FULL_UNPROTECTED)
                .withRunDir(temp.resolve("lab")).withStartTimeout(LabTiming.bound(Duration.ofSeconds(20))))) {
            String url = pair.state().side(LabSide.PRIMARY).serviceUrl().orElseThrow();
            long before = awaitDisk(url, SERVICE);
            try (QmpClient primary = harness(pair, LabSide.PRIMARY)) {
                assertThat(call(primary, "query-colo-status").string("last-mode")).contains("none");
            }

            Run protect = cli(pair, url, "protect", "--yes", "--checkpoint-delay",
                    LabTiming.checkpointDelay(Duration.ofSeconds(2)).toMillis() + "ms");
            System.out.println("protect test (load " + loadAverage() + "):\n" + protect.out + protect.err);
            assertThat(protect.exit).as(protect.out + protect.err).isZero();
            assertThat(protect.out).contains("Plan to protect:", "drive-mirror", "object-add", "PROTECTED",
                    "(skipped) The chardev mirror0 is there already (from its command line)")
                    .doesNotContain("chardev-add");

            try (QmpClient primary = harness(pair, LabSide.PRIMARY);
                 QmpClient secondary = harness(pair, LabSide.SECONDARY)) {
                assertThat(call(primary, "query-colo-status").string("mode")).contains("primary");
                assertThat(call(secondary, "query-colo-status").string("mode")).contains("secondary");
                assertThat(call(primary, "query-migrate").string("status")).contains("colo");
            }
            CheckpointSample sample = CheckpointWatch.watch(pair.primaryHarnessEndpoint(),
                    LabTiming.bound(Duration.ofSeconds(6)));
            System.out.println("protect test: " + sample.sentence());
            assertThat(sample.checkpoints()).isGreaterThanOrEqualTo(2);
            long first = awaitDisk(url, WITHIN);
            assertThat(first).as("the counter went on through the protection").isGreaterThan(before);
            assertThat(awaitAdvance(url, first)).as("the guest's disk counter through the primary's port")
                    .isGreaterThan(first);

            List<JournalRecord> intents;
            try (JournalReader journal = JournalReader.openDirectory(temp.resolve("journal"))) {
                intents = journal.stream().filter(r -> r.kind() == JournalRecord.Kind.ACTION_INTENT).toList();
            }
            assertThat(intents).extracting(r -> r.fields().get("action")).containsExactly("protect");
            assertThat(intents.get(0).fields().get("history")).isEqualTo("NEVER_PROTECTED");
        }
    }

    record Run(int exit, String out, String err) {
    }

    private Run cli(LabPair pair, String url, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Cli.commandLine(start -> {
            throw new AssertionError("no window in a CLI test");
        }, () -> JournalAuditTrail.open(temp.resolve("journal")));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] base = {"--primary", pair.primaryConsoleEndpoint().text(), "--secondary",
                pair.secondaryConsoleEndpoint().text(), "--probe-primary", url, "--service-within",
                WITHIN.toSeconds() + "s", "--wait", "10s", "--heartbeat", "500ms", "--misses", "10"};
        String[] all = new String[args.length + base.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(base, 0, all, args.length, base.length);
        int exit = cli.execute(all);
        return new Run(exit, out.toString(), err.toString());
    }

    private static QmpClient harness(LabPair pair, LabSide side) throws Exception {
        QmpClient client = new QmpClient(QmpClientOptions.defaults(side.label() + "-harness"));
        client.connect(pair.harnessEndpoint(side));
        return client;
    }

    private static long awaitDisk(String url, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Long> disk = GuestPage.disk(url, PAGE_TIMEOUT);
            if (disk.isPresent()) {
                return disk.get();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the guest did not answer at " + url + " within " + timeout.toSeconds() + " s");
    }

    private static long awaitAdvance(String url, long from) throws InterruptedException {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        long later = from;
        while (later <= from && System.nanoTime() < deadline) {
            Thread.sleep(500);
            later = GuestPage.disk(url, PAGE_TIMEOUT).orElse(from);
        }
        return later;
    }

    private static QmpValue call(QmpClient client, String command) throws Exception {
        return client.execute(command).get(5, TimeUnit.SECONDS);
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
