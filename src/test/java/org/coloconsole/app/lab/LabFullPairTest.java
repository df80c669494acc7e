package org.coloconsole.app.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.coloconsole.qmp.QmpClient;
import org.coloconsole.qmp.QmpClientOptions;
import org.coloconsole.qmp.QmpValue;
import org.coloconsole.testing.LabTiming;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The full lab pair on real QEMU: a replicated disk, the COLO proxy and the Linux guest, serving through the
 * primary's forwarded port while COLO checkpoints.
 */
class LabFullPairTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path temp;

    @Test
    void theGuestServesThroughThePrimaryItsDiskCounterAdvancesAndCheckpointsFlow() throws Exception {
        try (LabPair pair = LabPair.start(LabOptions.defaults().withKind(LabPairKind.FULL)
                .withRunDir(temp.resolve("lab")).withStartTimeout(LabTiming.bound(Duration.ofSeconds(20))))) {
            System.out.println("lab (full): COLO up after " + pair.startupTime().toMillis() + " ms on "
                    + pair.accelerator());
            String url = pair.state().side(LabSide.PRIMARY).serviceUrl().orElseThrow();
            long start = System.nanoTime();
            await().atMost(LabTiming.bound(Duration.ofSeconds(40))).pollInterval(Duration.ofMillis(200))
                    .until(() -> get(url).isPresent());
            System.out.println("lab (full): the guest answered " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime()
                    - start) + " ms after COLO was up");
            long first = disk(get(url).orElseThrow());
            await().atMost(LabTiming.bound(Duration.ofSeconds(10))).pollInterval(Duration.ofMillis(200))
                    .until(() -> get(url).map(LabFullPairTest::disk).orElse(0L) > first);
            try (QmpClient primary = new QmpClient(QmpClientOptions.defaults("primary-harness"));
                 QmpClient secondary = new QmpClient(QmpClientOptions.defaults("secondary-harness"))) {
                primary.connect(pair.primaryHarnessEndpoint());
                secondary.connect(pair.secondaryHarnessEndpoint());
                assertThat(call(primary, "query-colo-status").string("mode")).contains("primary");
                assertThat(call(secondary, "query-colo-status").string("mode")).contains("secondary");
                assertThat(call(secondary, "query-block-exports").elements()).extracting(e -> e.string("id"))
                        .containsExactly(Optional.of("parent0"));
            }
            CheckpointSample sample = CheckpointWatch.watch(pair.primaryHarnessEndpoint(), Duration.ofSeconds(6));
            System.out.println("lab (full): " + sample.sentence());
            assertThat(sample.checkpoints()).isGreaterThanOrEqualTo(2);
        }
    }

    private static QmpValue call(QmpClient client, String command) throws Exception {
        return client.execute(command).get(5, TimeUnit.SECONDS);
    }

    private static Optional<String> get(String url) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(response.body()) : Optional.empty();
        } catch (java.io.IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static long disk(String body) {
        for (String line : body.split("\n")) {
            if (line.startsWith("disk ")) {
                return Long.parseLong(line.substring(5).strip());
            }
        }
        throw new AssertionError("no disk line in " + body);
    }
}
