package org.coloconsole.colo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.coloconsole.qmp.QmpEvent;
import org.coloconsole.qmp.QmpTimestamp;
import org.coloconsole.qmp.QmpValue;
import org.junit.jupiter.api.Test;

/** Lines copied from the recorded transcripts of a real QEMU 7.2 COLO pair (test resources org/coloconsole/colo/transcripts/). */
class DecoderTest {
    private static final Instant AT = Instant.parse("2026-11-25T19:27:39Z");

    private static QmpEvent event(String raw) {
        QmpValue v = QmpValue.parse(raw);
        QmpValue ts = v.get("timestamp");
        return new QmpEvent(v.string("event").orElseThrow(), v.get("data"),
                new QmpTimestamp(ts.integer("seconds").orElse(-1), ts.integer("microseconds").orElse(-1)), AT, 0, raw);
    }

    @Test
    void coloExitFromTheTranscript() {
        String raw = "{\"timestamp\": {\"seconds\": 1795634859, \"microseconds\": 143886}, \"event\": \"COLO_EXIT\", "
                + "\"data\": {\"mode\": \"secondary\", \"reason\": \"error\"}}";
        Observation.ColoExit e = (Observation.ColoExit) EventDecoder.decode(Side.SECONDARY, event(raw));
        assertThat(e.mode().value()).isEqualTo(ColoMode.SECONDARY);
        assertThat(e.reason().value()).isEqualTo(ColoExitReason.ERROR);
        assertThat(e.error()).isEmpty();
        assertThat(e.qemuTime()).isEqualTo(new QmpTimestamp(1795634859, 143886));
        assertThat(e.raw()).isEqualTo(raw);
    }

    @Test
    void unknownValuesAndEventsAreKeptWithTheirRawText() {
        Observation.ColoExit e = (Observation.ColoExit) EventDecoder.decode(Side.PRIMARY, event(
                "{\"timestamp\": {\"seconds\": -1, \"microseconds\": -1}, \"event\": \"COLO_EXIT\", "
                        + "\"data\": {\"mode\": \"tertiary\", \"reason\": \"cosmic-ray\", \"error\": \"link down\"}}"));
        assertThat(e.mode().value()).isEqualTo(ColoMode.UNKNOWN);
        assertThat(e.mode().raw()).isEqualTo("tertiary");
        assertThat(e.reason().raw()).isEqualTo("cosmic-ray");
        assertThat(e.error()).contains("link down");
        assertThat(e.qemuTime().known()).isFalse();

        Observation other = EventDecoder.decode(Side.PRIMARY, event(
                "{\"timestamp\": {\"seconds\": 1, \"microseconds\": 2}, \"event\": \"NEW_THING\", \"data\": {\"x\": 1}}"));
        assertThat(other).isInstanceOfSatisfying(Observation.OtherEvent.class,
                o -> assertThat(o.raw()).contains("NEW_THING"));
    }

    @Test
    void checkpointEventsAndMigration() {
        assertThat(EventDecoder.decode(Side.PRIMARY, event("{\"timestamp\": {\"seconds\": 1, \"microseconds\": 2}, \"event\": \"STOP\"}")))
                .isInstanceOf(Observation.Stopped.class);
        assertThat(EventDecoder.decode(Side.PRIMARY, event(
                "{\"timestamp\": {\"seconds\": 1, \"microseconds\": 2}, \"event\": \"MIGRATION_PASS\", \"data\": {\"pass\": 7}}")))
                .isEqualTo(new Observation.MigrationPass(Side.PRIMARY, AT, 7));
        assertThat(EventDecoder.decode(Side.SECONDARY, event(
                "{\"timestamp\": {\"seconds\": 1, \"microseconds\": 2}, \"event\": \"MIGRATION\", \"data\": {\"status\": \"colo\"}}")))
                .isEqualTo(new Observation.MigrationChanged(Side.SECONDARY, AT, "colo"));
    }

    @Test
    void pollAnswersFromTheTranscript() {
        assertThat(PollDecoder.decode(Side.SECONDARY, AT, "query-colo-status",
                QmpValue.parse("{\"last-mode\": \"secondary\", \"mode\": \"none\", \"reason\": \"request\"}")))
                .get().isInstanceOfSatisfying(Observation.ColoStatusPolled.class, c -> {
                    assertThat(c.mode().value()).isEqualTo(ColoMode.NONE);
                    assertThat(c.lastMode()).get().extracting(Tag::value).isEqualTo(ColoMode.SECONDARY);
                    assertThat(c.reason().value()).isEqualTo(ColoExitReason.REQUEST);
                });
        assertThat(PollDecoder.decode(Side.PRIMARY, AT, "query-colo-status",
                QmpValue.parse("{\"mode\": \"primary\", \"reason\": \"none\"}")))
                .get().extracting(o -> ((Observation.ColoStatusPolled) o).lastMode().isPresent()).isEqualTo(false);
        assertThat(PollDecoder.decode(Side.SECONDARY, AT, "query-migrate", QmpValue.parse("{\"status\": \"colo\", "
                + "\"socket-address\": [{\"port\": \"9998\"}]}"))).contains(new Observation.MigratePolled(Side.SECONDARY, AT, "colo"));
        assertThat(PollDecoder.decode(Side.PRIMARY, AT, "query-migrate", QmpValue.parse("{}")))
                .contains(new Observation.MigratePolled(Side.PRIMARY, AT, "none"));
        assertThat(PollDecoder.decode(Side.PRIMARY, AT, "query-migrate-parameters",
                QmpValue.parse("{\"x-checkpoint-delay\": 2000, \"downtime-limit\": 300}")))
                .contains(new Observation.CheckpointDelayPolled(Side.PRIMARY, AT, Duration.ofSeconds(2)));
        assertThat(PollDecoder.decode(Side.PRIMARY, AT, "query-status",
                QmpValue.parse("{\"status\": \"colo\", \"singlestep\": false, \"running\": false}")))
                .contains(new Observation.StatusPolled(Side.PRIMARY, AT, false, "colo"));
    }

    @Test
    void theOtherEventsQemuSends() {
        assertThat(EventDecoder.decode(Side.PRIMARY, event("{\"timestamp\": {\"seconds\": 1, \"microseconds\": 2}, "
                + "\"event\": \"SHUTDOWN\", \"data\": {\"guest\": true, \"reason\": \"guest-shutdown\"}}")))
                .isEqualTo(new Observation.Shutdown(Side.PRIMARY, AT, true, "guest-shutdown"));
        assertThat(EventDecoder.decode(Side.PRIMARY, event("{\"timestamp\": {\"seconds\": 1, \"microseconds\": 2}, "
                + "\"event\": \"RESET\", \"data\": {\"guest\": false, \"reason\": \"host-qmp-system-reset\"}}")))
                .isEqualTo(new Observation.Reset(Side.PRIMARY, AT, false, "host-qmp-system-reset"));
        assertThat(EventDecoder.decode(Side.SECONDARY, event("{\"timestamp\": {\"seconds\": 1, \"microseconds\": 2}, "
                + "\"event\": \"JOB_STATUS_CHANGE\", \"data\": {\"status\": \"running\", \"id\": \"resync\"}}")))
                .isEqualTo(new Observation.JobStatusChanged(Side.SECONDARY, AT, "resync", "running"));
        Observation job = EventDecoder.decode(Side.SECONDARY, event("{\"timestamp\": {\"seconds\": 1, "
                + "\"microseconds\": 2}, \"event\": \"BLOCK_JOB_READY\", \"data\": {\"device\": \"mirror0\", "
                + "\"len\": 10, \"offset\": 10, \"speed\": 0, \"type\": \"mirror\"}}"));
        assertThat(job).isInstanceOfSatisfying(Observation.BlockJobEvent.class, b -> {
            assertThat(b.kind()).isEqualTo(Observation.BlockJobEvent.Kind.READY);
            assertThat(b.device()).isEqualTo("mirror0");
            assertThat(b.raw()).contains("\"type\": \"mirror\"");
        });
        // from the full-pair transcript: nbd-server-stop also says this
        String raw = "{\"timestamp\": {\"seconds\": 1795635759, \"microseconds\": 719119}, "
                + "\"event\": \"BLOCK_EXPORT_DELETED\", \"data\": {\"id\": \"parent0\"}}";
        assertThat(EventDecoder.decode(Side.SECONDARY, event(raw)))
                .isEqualTo(new Observation.OtherEvent(Side.SECONDARY, AT, "BLOCK_EXPORT_DELETED", raw));
    }

    @Test
    void queryVersionFromTheTranscript() {
        assertThat(PollDecoder.decode(Side.SECONDARY, AT, "query-version", QmpValue.parse("{\"qemu\": {\"micro\": 22, "
                + "\"minor\": 2, \"major\": 7}, \"package\": \"Debian 1:7.2+dfsg-7+deb12u18+b3\"}")))
                .contains(new Observation.VersionPolled(Side.SECONDARY, AT, "7.2.22"));
        assertThat(PollDecoder.decode(Side.SECONDARY, AT, "query-version", QmpValue.parse("{}"))).isEmpty();
    }

    @Test
    void anUnknownRunStateAndMigrationStatusAreKeptAsQemuSaidThem() {
        assertThat(PollDecoder.decode(Side.PRIMARY, AT, "query-status",
                QmpValue.parse("{\"status\": \"colo-frobnicating\", \"running\": false}")))
                .contains(new Observation.StatusPolled(Side.PRIMARY, AT, false, "colo-frobnicating"));
        assertThat(PollDecoder.decode(Side.PRIMARY, AT, "query-colo-status",
                QmpValue.parse("{\"mode\": \"none\", \"last-mode\": \"tertiary\", \"reason\": \"checkpoint-failed\"}")))
                .get().isInstanceOfSatisfying(Observation.ColoStatusPolled.class, c -> {
                    assertThat(c.lastMode()).get().extracting(Tag::raw).isEqualTo("tertiary");
                    assertThat(c.lastMode().get().value()).isEqualTo(ColoMode.UNKNOWN);
                    assertThat(c.reason().value()).isEqualTo(ColoExitReason.UNKNOWN);
                    assertThat(c.reason().toString()).isEqualTo("checkpoint-failed");
                });
        assertThat(PollDecoder.decode(Side.PRIMARY, AT, "query-migrate", QmpValue.parse("{\"status\": \"wait-unplug\"}")))
                .contains(new Observation.MigratePolled(Side.PRIMARY, AT, "wait-unplug"));
    }

    @Test
    void runStateMigrationStatusAndJobStatusAreTypedWithTheRawStringKept() {
        SideState side = Scenario.protectedPair().state.primary();
        assertThat(side.runStateTag()).isEqualTo(new Tag<>(RunState.RUNNING, "running"));
        assertThat(side.migrationStatusTag()).isEqualTo(new Tag<>(MigrationStatus.COLO, "colo"));
        assertThat(Tag.of(RunState.class, "guest-panicked").value()).isEqualTo(RunState.GUEST_PANICKED);
        assertThat(Tag.of(MigrationStatus.class, "postcopy-paused").value()).isEqualTo(MigrationStatus.POSTCOPY_PAUSED);
        assertThat(Tag.of(RunState.class, "colo-frobnicating")).isEqualTo(new Tag<>(RunState.UNKNOWN, "colo-frobnicating"));
        // a raw "unknown" stays UNKNOWN and is not mistaken for a known constant
        assertThat(Tag.of(MigrationStatus.class, "unknown").value()).isEqualTo(MigrationStatus.UNKNOWN);
        assertThat(new Observation.JobStatusChanged(Side.PRIMARY, AT, "j", "concluded").statusTag().value())
                .isEqualTo(JobStatus.CONCLUDED);
        assertThat(new Observation.JobStatusChanged(Side.PRIMARY, AT, "j", "warping").statusTag().raw())
                .isEqualTo("warping");
    }
}
