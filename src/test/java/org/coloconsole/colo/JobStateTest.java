package org.coloconsole.colo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.coloconsole.qmp.QmpEvent;
import org.coloconsole.qmp.QmpTimestamp;
import org.coloconsole.qmp.QmpValue;
import org.junit.jupiter.api.Test;

/**
 * A side's jobs reduced from what QEMU 7.2 really sent (the event and reply lines below are copied from a probe of
 * qemu-system-x86_64 7.2.22: a mirror reaching ready, paused, resumed, completed; one whose target fails).
 */
class JobStateTest {
    private static final Instant AT = Instant.parse("2026-11-25T20:00:00Z");

    private final PairReducer reducer = new PairReducer(HeartbeatPolicy.defaults());
    private PairState state = PairState.initial("unix:/p.sock", "unix:/s.sock", AT);

    private void event(String name, String data) {
        String raw = "{\"event\": \"" + name + "\", \"data\": " + data
                + ", \"timestamp\": {\"seconds\": 1, \"microseconds\": 2}}";
        QmpEvent e = new QmpEvent(name, QmpValue.parse(data), new QmpTimestamp(1, 2), AT, 0, raw);
        state = reducer.reduce(state, EventDecoder.decode(Side.PRIMARY, e));
    }

    private void polled(String command, String reply) {
        state = reducer.reduce(state, PollDecoder.decode(Side.PRIMARY, AT, command, QmpValue.parse(reply)).orElseThrow());
    }

    private Job job(String id) {
        return state.primary().jobs().get(id);
    }

    @Test
    void aMirrorFromCreatedToGone() {
        event("JOB_STATUS_CHANGE", "{\"status\": \"created\", \"id\": \"m0\"}");
        assertThat(job("m0")).isEqualTo(Job.seen("m0", JobStatus.tag("created")));
        event("JOB_STATUS_CHANGE", "{\"status\": \"running\", \"id\": \"m0\"}");
        polled("query-jobs", "[{\"current-progress\": 4194304, \"status\": \"running\", \"total-progress\": 8388608, "
                + "\"type\": \"mirror\", \"id\": \"m0\"}]");
        assertThat(job("m0").type()).isEqualTo("mirror");
        assertThat(job("m0").fraction()).contains(0.5);
        event("JOB_STATUS_CHANGE", "{\"status\": \"ready\", \"id\": \"m0\"}");
        event("BLOCK_JOB_READY", "{\"device\": \"m0\", \"len\": 8388608, \"offset\": 8388608, \"speed\": 0, "
                + "\"type\": \"mirror\"}");
        assertThat(job("m0").status().value()).isEqualTo(JobStatus.READY);
        assertThat(job("m0").type()).as("what the poll said is kept").isEqualTo("mirror");

        event("JOB_STATUS_CHANGE", "{\"status\": \"standby\", \"id\": \"m0\"}");
        assertThat(job("m0").allowedActions()).contains(JobAction.RESUME).doesNotContain(JobAction.PAUSE);
        event("JOB_STATUS_CHANGE", "{\"status\": \"ready\", \"id\": \"m0\"}");
        for (String s : List.of("waiting", "pending")) {
            event("JOB_STATUS_CHANGE", "{\"status\": \"" + s + "\", \"id\": \"m0\"}");
        }
        event("BLOCK_JOB_COMPLETED", "{\"device\": \"m0\", \"len\": 8388608, \"offset\": 8388608, \"speed\": 0, "
                + "\"type\": \"mirror\"}");
        assertThat(job("m0").status().value()).isEqualTo(JobStatus.CONCLUDED);
        assertThat(job("m0").error()).isEmpty();
        event("JOB_STATUS_CHANGE", "{\"status\": \"concluded\", \"id\": \"m0\"}");
        event("JOB_STATUS_CHANGE", "{\"status\": \"null\", \"id\": \"m0\"}");
        assertThat(state.primary().jobs()).isEmpty();
    }

    @Test
    void aFailedJobKeepsQemusErrorTextUntilDismissed() {
        event("JOB_STATUS_CHANGE", "{\"status\": \"created\", \"id\": \"bad0\"}");
        event("JOB_STATUS_CHANGE", "{\"status\": \"running\", \"id\": \"bad0\"}");
        event("BLOCK_JOB_ERROR", "{\"device\": \"bad0\", \"operation\": \"write\", \"action\": \"report\"}");
        assertThat(job("bad0").error()).contains("write error (QEMU's action: report)");
        event("JOB_STATUS_CHANGE", "{\"status\": \"aborting\", \"id\": \"bad0\"}");
        event("BLOCK_JOB_COMPLETED", "{\"device\": \"bad0\", \"len\": 8388608, \"offset\": 0, \"speed\": 0, "
                + "\"type\": \"mirror\", \"error\": \"Input/output error\"}");
        event("JOB_STATUS_CHANGE", "{\"status\": \"concluded\", \"id\": \"bad0\"}");
        assertThat(job("bad0").error()).contains("Input/output error");
        assertThat(job("bad0").allowedActions()).containsExactly(JobAction.DISMISS);

        // a reconnect re-reads it: the poll carries the error too
        polled("query-jobs", "[{\"current-progress\": 0, \"status\": \"concluded\", \"total-progress\": 8388608, "
                + "\"type\": \"mirror\", \"id\": \"bad0\", \"error\": \"Input/output error\"}]");
        assertThat(job("bad0").error()).contains("Input/output error");
        event("JOB_STATUS_CHANGE", "{\"status\": \"null\", \"id\": \"bad0\"}");
        assertThat(state.primary().jobs()).isEmpty();
    }

    @Test
    void anErrorQemuStoppedOnIsClearedWhenTheJobRunsAgain() {
        event("JOB_STATUS_CHANGE", "{\"status\": \"running\", \"id\": \"s0\"}");
        event("BLOCK_JOB_ERROR", "{\"device\": \"s0\", \"operation\": \"read\", \"action\": \"stop\"}");
        event("JOB_STATUS_CHANGE", "{\"status\": \"paused\", \"id\": \"s0\"}");
        assertThat(job("s0").error()).contains("read error (QEMU's action: stop)");
        event("JOB_STATUS_CHANGE", "{\"status\": \"running\", \"id\": \"s0\"}");
        assertThat(job("s0").error()).isEmpty();
    }

    @Test
    void aPollReplacesWhatEventsBuiltUpAndKeepsQemusOrder() {
        event("JOB_STATUS_CHANGE", "{\"status\": \"running\", \"id\": \"gone-while-away\"}");
        polled("query-jobs", "[{\"current-progress\": 1, \"status\": \"paused\", \"total-progress\": 2, "
                + "\"type\": \"stream\", \"id\": \"z\"}, {\"current-progress\": 0, \"status\": \"teleporting\", "
                + "\"total-progress\": 0, \"type\": \"quantum\", \"id\": \"a\"}]");
        assertThat(state.primary().jobs().keySet()).containsExactly("z", "a");
        Job odd = job("a");
        assertThat(odd.status().value()).isEqualTo(JobStatus.UNKNOWN);
        assertThat(odd.status().raw()).isEqualTo("teleporting");
        assertThat(odd.type()).isEqualTo("quantum");
        assertThat(odd.allowedActions()).isEmpty();
    }

    @Test
    void theBlockJobFallbackReadsDeviceOffsetAndLen() {
        polled("query-block-jobs", "[{\"auto-finalize\": true, \"io-status\": \"ok\", \"device\": \"m0\", "
                + "\"auto-dismiss\": true, \"busy\": false, \"len\": 8388608, \"offset\": 8388608, \"status\": "
                + "\"standby\", \"paused\": true, \"speed\": 0, \"ready\": true, \"type\": \"mirror\"}, "
                + "{\"device\": \"old\", \"len\": 10, \"offset\": 3, \"paused\": true, \"ready\": false, "
                + "\"type\": \"stream\"}]");
        assertThat(job("m0")).isEqualTo(new Job("m0", "mirror", JobStatus.tag("standby"), 8388608, 8388608,
                Optional.empty()));
        assertThat(job("old").status().raw()).as("a QEMU before 2.12 gives flags only").isEqualTo("paused");
        assertThat(job("old").fraction()).contains(0.3);
    }

    @Test
    void jobsOfOneSideLeaveTheOtherAlone() {
        event("JOB_STATUS_CHANGE", "{\"status\": \"running\", \"id\": \"m0\"}");
        assertThat(state.secondary().jobs()).isEmpty();
        assertThat(state.primary().jobs()).containsOnlyKeys("m0");
    }
}
