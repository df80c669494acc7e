package org.coloconsole.app.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.coloconsole.qmp.QmpClient;
import org.coloconsole.qmp.QmpClientOptions;
import org.coloconsole.qmp.QmpValue;
import org.coloconsole.testing.GuestPage;
import org.coloconsole.testing.LabTiming;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The full lab pair on real QEMU: a replicated disk, the COLO proxy and the Linux guest, serving through the
 * primary's forwarded port while COLO checkpoints.
 */
class LabFullPairTest {

    @TempDir
    Path temp;

    private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(3);

    @Test
    void theGuestServesThroughThePrimaryItsDiskCounterAdvancesAndCheckpointsFlow() throws Exception {
        try (LabPair pair = LabPair.start(LabOptions.defaults().withKind(LabPairKind.FULL)
                .withRunDir(temp.resolve("lab")).withStartTimeout(LabTiming.bound(Duration.ofSeconds(20))))) {
            System.out.println("lab (full): COLO up after " + pair.startupTime().toMillis() + " ms on "
                    + pair.accelerator());
            String url = pair.state().side(LabSide.PRIMARY).serviceUrl().orElseThrow();
            long start = System.nanoTime();
            await().atMost(LabTiming.bound(Duration.ofSeconds(40))).pollInterval(Duration.ofMillis(200))
                    .until(() -> GuestPage.body(url, PAGE_TIMEOUT).isPresent());
            System.out.println("lab (full): the guest answered " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime()
                    - start) + " ms after COLO was up");
            long first = GuestPage.disk(url, PAGE_TIMEOUT).orElseThrow(() -> new AssertionError("no disk line at " + url));
            await().atMost(LabTiming.bound(Duration.ofSeconds(10))).pollInterval(Duration.ofMillis(200))
                    .until(() -> GuestPage.disk(url, PAGE_TIMEOUT).orElse(0L) > first);
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
}
