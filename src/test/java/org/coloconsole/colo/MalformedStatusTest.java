package org.coloconsole.colo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.coloconsole.qmp.QmpValue;
import org.junit.jupiter.api.Test;

/** A query-status reply without a boolean "running" leaves whether the guest runs unknown, never "not running". */
class MalformedStatusTest {
    private static final Instant T = Instant.parse("2024-01-01T00:00:00Z");

    @Test
    void missingOrMistypedRunningDecodesAsUnknown() {
        for (String reply : new String[] {"{\"status\": \"paused\"}", "{\"status\": \"paused\", \"running\": \"false\"}",
                "{\"status\": \"paused\", \"running\": 0}", "{\"status\": \"paused\", \"running\": null}", "{}"}) {
            Observation.StatusPolled polled = (Observation.StatusPolled) PollDecoder.decode(Side.SECONDARY, T,
                    "query-status", QmpValue.parse(reply)).orElseThrow();
            assertThat(polled.running()).as(reply).isEmpty();
        }
        Observation.StatusPolled good = (Observation.StatusPolled) PollDecoder.decode(Side.SECONDARY, T,
                "query-status", QmpValue.parse("{\"status\": \"paused\", \"running\": false}")).orElseThrow();
        assertThat(good.running()).contains(false);
    }

    @Test
    void aMalformedReplyAfterAGoodOneMakesTheRunStateUnknownAgain() {
        PairState state = PairState.initial("unix:/p", "unix:/s", T);
        state = new PairReducer(HeartbeatPolicy.defaults()).reduce(state, new Observation.StatusPolled(Side.SECONDARY, T, true, "running"));
        assertThat(state.secondary().running()).contains(true);
        state = new PairReducer(HeartbeatPolicy.defaults()).reduce(state, PollDecoder.decode(Side.SECONDARY, T.plusSeconds(1), "query-status",
                QmpValue.parse("{\"status\": \"paused\"}")).orElseThrow());
        assertThat(state.secondary().running()).isEmpty();
    }
}
