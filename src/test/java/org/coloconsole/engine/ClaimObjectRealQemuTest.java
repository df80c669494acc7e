package org.coloconsole.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.coloconsole.colo.Claim;
import org.coloconsole.qmp.QmpClient;
import org.coloconsole.qmp.QmpClientOptions;
import org.coloconsole.qmp.QmpCommandException;
import org.coloconsole.qmp.QmpValue;
import org.coloconsole.testing.QemuMonitorProcess;
import org.coloconsole.testing.TestedQemu;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The claim's object on real QEMU 7.2 and 10.0: several consoles, each on its own monitor, race {@code object-add}
 * of the claim at the same moment, round after round; exactly one wins each round, and the object then names it.
 */
class ClaimObjectRealQemuTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int CONSOLES = 3;
    private static final int ROUNDS = 25;

    @ParameterizedTest(name = "QEMU {0}")
    @EnumSource(TestedQemu.class)
    void racingConsolesNeverBothHoldTheClaimAndTheObjectNamesTheWinner(TestedQemu binary) throws Exception {
        try (QemuMonitorProcess qemu = QemuMonitorProcess.start(binary, CONSOLES, 0)) {
            List<QmpClient> consoles = new ArrayList<>();
            List<Claim> claims = new ArrayList<>();
            try {
                for (int i = 0; i < CONSOLES; i++) {
                    QmpClient client = new QmpClient(options("console-" + i));
                    client.connect(qemu.unixEndpoint(i));
                    consoles.add(client);
                    claims.add(new Claim("host-" + i, "user", 1000 + i, "2026-12-02T13:00:00Z", "n" + i));
                }
                for (int round = 0; round < ROUNDS; round++) {
                    CountDownLatch go = new CountDownLatch(1);
                    List<CompletableFuture<Boolean>> adds = new ArrayList<>();
                    for (int i = 0; i < CONSOLES; i++) {
                        int who = i;
                        adds.add(CompletableFuture.supplyAsync(() -> {
                            try {
                                go.await();
                                return ClaimObject.add(consoles.get(who), claims.get(who), TIMEOUT)
                                        .handle((v, e) -> e == null).get(20, TimeUnit.SECONDS);
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        }));
                    }
                    go.countDown();
                    List<Integer> winners = new ArrayList<>();
                    for (int i = 0; i < CONSOLES; i++) {
                        if (adds.get(i).get(30, TimeUnit.SECONDS)) {
                            winners.add(i);
                        }
                    }
                    assertThat(winners).as("round %d", round).hasSize(1);
                    int winner = winners.get(0);
                    // every console, winner or not, reads the winner's name
                    for (QmpClient console : consoles) {
                        Optional<Claim> held = ClaimObject.claimOf(ClaimObject.read(console, TIMEOUT)
                                .get(20, TimeUnit.SECONDS));
                        assertThat(held).as("round %d", round).hasValueSatisfying(
                                c -> assertThat(c.sameHolder(claims.get(winner))).isTrue());
                    }
                    ClaimObject.delete(consoles.get(winner), TIMEOUT).get(20, TimeUnit.SECONDS);
                    assertThat(ClaimObject.read(consoles.get(0), TIMEOUT).get(20, TimeUnit.SECONDS).isMissing())
                            .as("released in round %d", round).isTrue();
                }
            } finally {
                consoles.forEach(QmpClient::close);
            }
        }
    }

    @ParameterizedTest(name = "QEMU {0}")
    @EnumSource(TestedQemu.class)
    void aSecondAddFailsAsAWholeAndLeavesTheHolderAsItWas(TestedQemu binary) throws Exception {
        try (QemuMonitorProcess qemu = QemuMonitorProcess.start(binary, 1, 0);
             QmpClient client = new QmpClient(options("console"))) {
            client.connect(qemu.unixEndpoint());
            Claim first = new Claim("a", "alice", 11, "t1", "n1");
            Claim second = new Claim("b", "bob", 22, "t2", "n2");
            ClaimObject.add(client, first, TIMEOUT).get(20, TimeUnit.SECONDS);

            Throwable refused = ClaimObject.add(client, second, TIMEOUT).handle((v, e) -> e)
                    .get(20, TimeUnit.SECONDS);

            assertThat(refused).isInstanceOf(QmpCommandException.class);
            QmpValue held = ClaimObject.read(client, TIMEOUT).get(20, TimeUnit.SECONDS);
            assertThat(held.asText()).isEqualTo(first.text());
        }
    }

    /** A fresh QEMU on a loaded machine may greet late: a slow greeting is not what these tests are about. */
    private static QmpClientOptions options(String name) {
        return QmpClientOptions.defaults(name).withHandshakeTimeout(Duration.ofSeconds(20));
    }
}
