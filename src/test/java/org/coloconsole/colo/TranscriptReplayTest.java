package org.coloconsole.colo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Whole stretches of the recorded transcripts (test resources {@code org/coloconsole/colo/transcripts/}, described in
 * docs/colo-behaviour.md), replayed through decoders and reducer.
 */
class TranscriptReplayTest {

    /** Transcript c (min pair, KVM): COLO up and one checkpoint on both sides. */
    private static final String C_COLO_UP = """
            19:27:35.638 +   0.352s PRI >     {"execute": "query-colo-status", "id": "PRI-5"}
            19:27:35.639 +   0.353s PRI <     {"return": {"last-mode": "none", "mode": "primary", "reason": "none"}, "id": "PRI-5"}
            19:27:35.639 +   0.353s SEC >     {"execute": "query-colo-status", "id": "SEC-3"}
            19:27:35.639 +   0.353s SEC <     {"return": {"last-mode": "none", "mode": "secondary", "reason": "none"}, "id": "SEC-3"}
            19:27:35.639 +   0.354s SEC <     {"timestamp": {"seconds": 1795634855, "microseconds": 639602}, "event": "RESUME"}
            19:27:35.642 +   0.357s PRI <     {"timestamp": {"seconds": 1795634855, "microseconds": 642440}, "event": "RESUME"}
            19:27:37.642 +   2.357s SEC <     {"timestamp": {"seconds": 1795634857, "microseconds": 642610}, "event": "STOP"}
            19:27:37.642 +   2.357s PRI <     {"timestamp": {"seconds": 1795634857, "microseconds": 642810}, "event": "STOP"}
            19:27:37.644 +   2.359s PRI <     {"timestamp": {"seconds": 1795634857, "microseconds": 643309}, "event": "MIGRATION_PASS", "data": {"pass": 3}}
            19:27:37.882 +   2.596s PRI <     {"timestamp": {"seconds": 1795634857, "microseconds": 882386}, "event": "RESUME"}
            19:27:37.881 +   2.595s SEC <     {"timestamp": {"seconds": 1795634857, "microseconds": 880880}, "event": "RESUME"}
            """;

    /** Transcript c: the primary is SIGKILLed; the secondary says COLO_EXIT error, then polls still look healthy. */
    private static final String C_PRIMARY_SIGKILL = """
            19:27:39.139 +   3.854s #         >>> kill -SIGKILL 28024 (primary)
            19:27:39.144 +   3.858s PRI <     <EOF: monitor connection closed>
            19:27:39.144 +   3.858s SEC <     {"timestamp": {"seconds": 1795634859, "microseconds": 143886}, "event": "COLO_EXIT", "data": {"mode": "secondary", "reason": "error"}}
            19:27:44.144 +   8.859s SEC >     {"execute": "query-status", "id": "SEC-4"}
            19:27:44.145 +   8.859s SEC <     {"return": {"status": "running", "singlestep": false, "running": true}, "id": "SEC-4"}
            19:27:44.145 +   8.860s SEC >     {"execute": "query-colo-status", "id": "SEC-5"}
            19:27:44.146 +   8.860s SEC <     {"return": {"last-mode": "none", "mode": "secondary", "reason": "none"}, "id": "SEC-5"}
            19:27:44.146 +   8.860s SEC >     {"execute": "query-migrate", "id": "SEC-6"}
            19:27:44.146 +   8.861s SEC <     {"return": {"status": "colo", "socket-address": [{"port": "9998", "ipv4": true, "host": "127.0.0.1", "type": "inet"}]}, "id": "SEC-6"}
            """;

    /** Transcript c: x-colo-lost-heartbeat to the secondary (no second COLO_EXIT: only the polls show the request). */
    private static final String C_LOST_HEARTBEAT = """
            19:27:44.146 +   8.861s #         >>> scenario c: x-colo-lost-heartbeat -> SECONDARY
            19:27:44.146 +   8.861s SEC >     {"execute": "x-colo-lost-heartbeat", "id": "SEC-7"}
            19:27:44.147 +   8.861s SEC <     {"timestamp": {"seconds": 1795634864, "microseconds": 147358}, "event": "STOP"}
            19:27:44.147 +   8.861s SEC <     {"timestamp": {"seconds": 1795634864, "microseconds": 147416}, "event": "MIGRATION", "data": {"status": "completed"}}
            19:27:44.159 +   8.873s SEC <     {"return": {}, "id": "SEC-7"}
            19:27:44.159 +   8.873s SEC <     {"timestamp": {"seconds": 1795634864, "microseconds": 159287}, "event": "RESUME"}
            19:27:56.160 +  20.874s SEC >     {"execute": "query-status", "id": "SEC-8"}
            19:27:56.160 +  20.874s SEC <     {"return": {"status": "running", "singlestep": false, "running": true}, "id": "SEC-8"}
            19:27:56.160 +  20.875s SEC >     {"execute": "query-colo-status", "id": "SEC-9"}
            19:27:56.161 +  20.875s SEC <     {"return": {"last-mode": "secondary", "mode": "none", "reason": "request"}, "id": "SEC-9"}
            19:27:56.161 +  20.875s SEC >     {"execute": "query-migrate", "id": "SEC-10"}
            19:27:56.161 +  20.876s SEC <     {"return": {"status": "completed"}, "id": "SEC-10"}
            """;

    @Test
    void primarySigkillThenLostHeartbeatToTheSecondary() {
        TranscriptReplay r = new TranscriptReplay().connectedAt("19:27:35.500", Duration.ofSeconds(2))
                .replay(C_COLO_UP);
        assertThat(r.state.primary().coloMode().value()).isEqualTo(ColoMode.PRIMARY);
        assertThat(r.state.secondary().coloMode().value()).isEqualTo(ColoMode.SECONDARY);
        assertThat(r.state.primary().lastCheckpointAt()).contains(TranscriptReplay.at("19:27:37.882"));
        assertThat(r.recommendation().kind()).isEqualTo(Recommendation.Kind.PROTECTED);

        r.replay(C_PRIMARY_SIGKILL);
        assertThat(r.state.primary().heartbeat().status()).isEqualTo(HeartbeatStatus.LOST);
        // polling looks healthy after the error: the COLO_EXIT is kept as state
        assertThat(r.state.secondary().coloMode().value()).isEqualTo(ColoMode.SECONDARY);
        assertThat(r.state.secondary().migrationStatus()).isEqualTo("colo");
        assertThat(r.state.secondary().lastExit()).get()
                .satisfies(e -> assertThat(e.qemuTime().seconds()).isEqualTo(1795634859L))
                .satisfies(e -> assertThat(e.raw()).contains("\"reason\": \"error\""));
        Recommendation before = r.recommendation();
        assertThat(before.kind()).isEqualTo(Recommendation.Kind.PROMOTE_SECONDARY);
        assertThat(before.headline()).startsWith("Primary lost 5.0 s ago");
        InterlockDecision decision = FailoverInterlock.check(r.state, new FailoverRequest(Side.SECONDARY, false), r.now);
        assertThat(decision.allowed()).isTrue();
        assertThat(decision.fenceOtherSide()).isFalse();

        r.replay(C_LOST_HEARTBEAT);
        assertThat(r.state.secondary().tookOver()).isTrue();
        assertThat(Verification.verified(r.state, Side.SECONDARY)).isTrue();
        assertThat(r.recommendation().headline()).startsWith("Secondary runs the VM alone");
        assertThat(FailoverInterlock.check(r.state, new FailoverRequest(Side.PRIMARY, true)).sentence())
                .startsWith("The secondary already took over (QEMU reports last-mode=secondary, mode=none, "
                        + "reason=request)");
    }

    /** The stretches above are the recording itself, line for line, not retyped from memory. */
    @Test
    void theStretchesAreCopiedFromTheRecording() throws java.io.IOException {
        String recorded = TranscriptReplay.recorded("c-min-kvm.log");
        for (String stretch : new String[] {C_COLO_UP, C_PRIMARY_SIGKILL, C_LOST_HEARTBEAT}) {
            for (String line : stretch.split("\n")) {
                assertThat(recorded).contains(line.strip());
            }
        }
    }
}
