package org.coloconsole.colo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.coloconsole.qmp.QmpValue;
import org.junit.jupiter.api.Test;

/**
 * The last checkpoint's downtime and bytes from {@code query-migrate}. The answers are copied from the transcripts of
 * a real QEMU 7.2 COLO pair (test resources org/coloconsole/colo/transcripts/, full-primary-failover-kvm.log and
 * a-min-kvm.log), and the same again from the lab's full pair under TCG on QEMU 7.2.22 with {@code colo-console qmp
 * … query-migrate} (primary {@code {"status":"colo"}}, secondary the same with its socket-address): QEMU reports no
 * checkpoint figures while COLO runs, so the card shows none. (COLO does not start on QEMU 10.0.0-10.0.6, the
 * lab's 10.0.2 among them; 10.0's fill_source_migration_info has the same empty COLO case.)
 */
class CheckpointFiguresTest {
    private static final Instant AT = Instant.parse("2026-11-25T19:42:50Z");
    private final PairReducer reducer = new PairReducer(HeartbeatPolicy.defaults());

    private static Observation.MigratePolled decode(Side side, String answer) {
        return (Observation.MigratePolled) PollDecoder.decode(side, AT, "query-migrate", QmpValue.parse(answer))
                .orElseThrow();
    }

    @Test
    void qemu72sPrimaryInColoReportsNoCheckpointFigures() {
        Observation.MigratePolled polled = decode(Side.PRIMARY, "{\"status\": \"colo\"}");
        assertThat(polled.status()).isEqualTo("colo");
        assertThat(polled.lastCheckpoint()).isEmpty();
    }

    @Test
    void theSecondarysAnswerInColoHasAnAddressAndNoFigures() {
        Observation.MigratePolled polled = decode(Side.SECONDARY, "{\"status\": \"colo\", \"socket-address\": "
                + "[{\"port\": \"9998\", \"ipv4\": true, \"host\": \"127.0.0.1\", \"type\": \"inet\"}]}");
        assertThat(polled.lastCheckpoint()).isEmpty();
    }

    @Test
    void theWholeMigrationsFiguresAfterAFailoverAreNotTakenForACheckpoints() {
        // the primary after it left COLO: "completed", with the figures of the migration as a whole
        Observation.MigratePolled polled = decode(Side.PRIMARY, "{\"status\": \"completed\", \"setup-time\": 0, "
                + "\"downtime\": 0, \"total-time\": 0, \"ram\": {\"total\": 134750208, \"postcopy-requests\": 0, "
                + "\"dirty-sync-count\": 3, \"multifd-bytes\": 0, \"pages-per-second\": 0, \"downtime-bytes\": 1115924, "
                + "\"page-size\": 4096, \"remaining\": 0, \"postcopy-bytes\": 0, \"mbps\": 0, \"transferred\": 1115924, "
                + "\"dirty-sync-missed-zero-copy\": 0, \"precopy-bytes\": 0, \"duplicate\": 65604, "
                + "\"dirty-pages-rate\": 0, \"skipped\": 0, \"normal-bytes\": 524288, \"normal\": 128}}");
        assertThat(polled.status()).isEqualTo("completed");
        assertThat(polled.lastCheckpoint()).isEmpty();
    }

    @Test
    void aColoAnswerWithMigrationInfosFiguresIsDecodedAndGoesWithTheReplication() {
        // MigrationInfo's own fields (qapi/migration.json: downtime in ms, ram.transferred in bytes) in status colo:
        // what a QEMU that fills in its COLO case would send; 7.2 and 10.0 do not
        Observation.MigratePolled polled = decode(Side.PRIMARY,
                "{\"status\": \"colo\", \"downtime\": 38, \"ram\": {\"transferred\": 1258291}}");
        CheckpointFigures figures = polled.lastCheckpoint().orElseThrow();
        assertThat(figures.paused()).contains(Duration.ofMillis(38));
        assertThat(figures.bytes()).isEqualTo(OptionalLong.of(1258291));

        PairState s = reducer.reduce(PairState.initial("unix:/p", "unix:/s", AT), polled);
        assertThat(s.primary().lastCheckpointFigures()).contains(figures);
        s = reducer.reduce(s, new Observation.MigrationChanged(Side.PRIMARY, AT.plusSeconds(1), "completed"));
        assertThat(s.primary().lastCheckpointFigures()).as("a replication that is over has no last checkpoint")
                .isEmpty();
    }

    @Property(tries = 500)
    void figuresComeOnlyFromARunningColo(@ForAll("statuses") String status,
                                         @ForAll @LongRange(min = -5, max = 1L << 40) long downtime,
                                         @ForAll @LongRange(min = -5, max = 1L << 40) long bytes) {
        Optional<CheckpointFigures> figures = CheckpointFigures.of(status, OptionalLong.of(downtime),
                OptionalLong.of(bytes));
        if (!status.equals("colo") || (downtime < 0 && bytes < 0)) {
            assertThat(figures).isEmpty();
            return;
        }
        assertThat(figures).isPresent();
        assertThat(figures.get().paused()).isEqualTo(downtime < 0 ? Optional.empty()
                : Optional.of(Duration.ofMillis(downtime)));
        assertThat(figures.get().bytes()).isEqualTo(bytes < 0 ? OptionalLong.empty() : OptionalLong.of(bytes));
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> statuses() {
        return net.jqwik.api.Arbitraries.of("colo", "completed", "active", "device", "failed", "none", "setup");
    }
}
