package org.coloconsole.fullpair;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.coloconsole.app.cli.Cli;
import org.coloconsole.app.lab.CheckpointSample;
import org.coloconsole.app.lab.CheckpointWatch;
import org.coloconsole.app.lab.LabOptions;
import org.coloconsole.app.lab.LabPair;
import org.coloconsole.app.lab.LabPairKind;
import org.coloconsole.app.lab.LabSide;
import org.coloconsole.app.lab.LabSignal;
import org.coloconsole.colo.ProbeResult;
import org.coloconsole.engine.JournalAuditTrail;
import org.coloconsole.qmp.QmpClient;
import org.coloconsole.qmp.QmpClientOptions;
import org.coloconsole.qmp.QmpValue;
import org.coloconsole.testing.LabTiming;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Restoring protection on the full lab pair (docs/colo-full-pair.md, "Resume replication on the survivor"): the
 * secondary is killed, the console continues on the primary, the lab starts a new secondary with empty disks and
 * {@code -incoming defer}, and {@code reprotect} brings COLO back with the guest serving throughout.
 */
class LabReprotectTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Duration SERVICE = LabTiming.bound(Duration.ofSeconds(40));
    private static final Duration WITHIN = LabTiming.bound(Duration.ofSeconds(15));

    @TempDir
    Path temp;

    record Run(int exit, String out, String err) {
    }

    @Test
    void afterTheSecondarysKillAndAFailoverToThePrimaryANewSecondaryIsProtectedAgainAndTheGuestKeepsServing()
            throws Exception {
        try (LabPair pair = LabPair.start(LabOptions.defaults().withKind(LabPairKind.FULL)
                .withRunDir(temp.resolve("lab")).withStartTimeout(LabTiming.bound(Duration.ofSeconds(20)))
                .withCheckpointDelay(LabTiming.checkpointDelay(Duration.ofSeconds(2))))) {
            String url = pair.state().side(LabSide.PRIMARY).serviceUrl().orElseThrow();
            awaitDisk(url, SERVICE);
            pair.kill(LabSide.SECONDARY, LabSignal.KILL);
            Run failover = cli(pair, url, "failover", "--to", "primary", "--yes");
            System.out.println("reprotect test, failover:\n" + failover.out + failover.err);
            assertThat(failover.exit).as(failover.out + failover.err).isZero();

            pair.startNewSecondary();
            Run expected = cli(pair, url, "reprotect", "--print-command-line");
            assertThat(expected.out).as(expected.out + expected.err).contains("-incoming defer", "id=red0");
            String load = loadAverage();
            Run reprotect = cli(pair, url, "reprotect", "--yes");
            System.out.println("reprotect test (load " + load + "):\n" + reprotect.out + reprotect.err);
            assertThat(reprotect.exit).as(reprotect.out + reprotect.err).isZero();
            assertThat(reprotect.out).contains("drive-mirror", "PROTECTED");

            try (QmpClient primary = new QmpClient(QmpClientOptions.defaults("primary-harness"));
                 QmpClient secondary = new QmpClient(QmpClientOptions.defaults("secondary-harness"))) {
                primary.connect(pair.primaryHarnessEndpoint());
                secondary.connect(pair.secondaryHarnessEndpoint());
                assertThat(call(primary, "query-colo-status").string("mode")).contains("primary");
                assertThat(call(secondary, "query-colo-status").string("mode")).contains("secondary");
                assertThat(call(primary, "query-migrate").string("status")).contains("colo");
            }
            CheckpointSample sample = CheckpointWatch.watch(pair.primaryHarnessEndpoint(),
                    LabTiming.bound(Duration.ofSeconds(6)));
            System.out.println("reprotect test: " + sample.sentence());
            assertThat(sample.checkpoints()).isGreaterThanOrEqualTo(2);
            long first = awaitDisk(url, WITHIN);
            long deadline = System.nanoTime() + WITHIN.toNanos();
            long later = first;
            while (later <= first && System.nanoTime() < deadline) {
                Thread.sleep(500);
                later = get(url).flatMap(body -> boxed(ProbeResult.diskLine(body))).orElse(first);
            }
            assertThat(later).as("the guest's disk counter through the survivor's port").isGreaterThan(first);
        }
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

    private static long awaitDisk(String url, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Long> disk = get(url).flatMap(body -> boxed(ProbeResult.diskLine(body)));
            if (disk.isPresent()) {
                return disk.get();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the guest did not answer at " + url + " within " + timeout.toSeconds() + " s");
    }

    private static Optional<Long> boxed(OptionalLong value) {
        return value.isPresent() ? Optional.of(value.getAsLong()) : Optional.empty();
    }

    private static Optional<String> get(String url) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(response.body()) : Optional.empty();
        } catch (java.io.IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
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
