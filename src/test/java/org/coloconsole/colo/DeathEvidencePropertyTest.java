package org.coloconsole.colo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Only a UNIX socket on this host proves a QEMU gone. Whatever way a monitor's connection ends or is refused, and in
 * whatever order, a side reached over TCP or TLS is never "lost", the failover to the other side always needs the
 * operator's fence acknowledgement, and the sentence says why the refusal or reset is no proof.
 */
class DeathEvidencePropertyTest {

    /** One thing that can happen to the secondary's connection, as the wire reports it. */
    record Ending(boolean lost, Observation.Lost.Why why, ConnectFailure failure) {
        Observation observe(Side side, SocketKind socket, Scenario s) {
            return lost ? new Observation.Lost(side, s.now, socket, why, "the connection ended")
                    : new Observation.ConnectFailed(side, s.now, socket, failure, "could not connect");
        }
    }

    @Provide
    Arbitrary<java.util.List<Ending>> endings() {
        return net.jqwik.api.Combinators.combine(Arbitraries.of(true, false),
                Arbitraries.of(Observation.Lost.Why.class), Arbitraries.of(ConnectFailure.class)).as(Ending::new)
                .list().ofMinSize(1).ofMaxSize(6);
    }

    @Property(tries = 500)
    void overTcpOrTlsNoEndingIsProofOfDeath(@ForAll("endings") java.util.List<Ending> endings,
                                            @ForAll boolean tls, @IntRange(min = 0, max = 3) @ForAll int extraSeconds) {
        SocketKind socket = tls ? SocketKind.TLS : SocketKind.TCP;
        Scenario s = Scenario.protectedPair().coloExit(Side.PRIMARY, "error");
        for (Ending ending : endings) {
            s.after(Duration.ofMillis(300)).apply(ending.observe(Side.SECONDARY, socket, s));
            assertThat(s.state.secondary().heartbeat().status()).as("%s over %s", endings, socket)
                    .isNotEqualTo(HeartbeatStatus.LOST);
        }
        // the primary's checkpoints stopped long ago: only the secondary's fate is in question
        s.after(Duration.ofSeconds(10 + extraSeconds));
        FailoverOption option = FailoverOption.of(s.state, Side.PRIMARY, s.now);
        assertThat(option.verdict()).as("%s over %s: %s", endings, socket, option)
                .isIn(FailoverOption.Verdict.NEEDS_FENCE_ACKNOWLEDGEMENT, FailoverOption.Verdict.FENCE_OTHER_SIDE,
                        FailoverOption.Verdict.REFUSED);
        assertThat(FailoverInterlock.check(s.state, new FailoverRequest(Side.PRIMARY, false), s.now).allowed()
                && !s.state.secondary().answering()).as("promoted without the fencing word: %s", endings).isFalse();
    }

    @Property(tries = 200)
    void onALocalUnixSocketAnEndOrARefusalIsProof(@ForAll boolean endOfStream) {
        Scenario s = Scenario.protectedPair().coloExit(Side.PRIMARY, "error");
        s.after(Duration.ofMillis(300)).apply(endOfStream
                ? new Observation.Lost(Side.SECONDARY, s.now, SocketKind.LOCAL_UNIX, Observation.Lost.Why.CLOSED_BY_PEER,
                "end of stream")
                : new Observation.ConnectFailed(Side.SECONDARY, s.now, SocketKind.LOCAL_UNIX, ConnectFailure.REFUSED,
                "nothing is listening"));
        s.after(Duration.ofSeconds(10));
        assertThat(s.state.secondary().heartbeat().status()).isEqualTo(HeartbeatStatus.LOST);
        assertThat(FailoverOption.of(s.state, Side.PRIMARY, s.now).verdict())
                .isEqualTo(FailoverOption.Verdict.OTHER_SIDE_GONE);
    }

    @Property(tries = 100)
    void theSentenceSaysARefusalOrResetOverTheNetworkIsNoProof(@ForAll boolean tls, @ForAll boolean reset) {
        SocketKind socket = tls ? SocketKind.TLS : SocketKind.TCP;
        Scenario s = Scenario.protectedPair().coloExit(Side.PRIMARY, "error");
        s.after(Duration.ofMillis(300)).apply(reset
                ? new Observation.Lost(Side.SECONDARY, s.now, socket, Observation.Lost.Why.CLOSED_BY_PEER,
                "Connection reset")
                : new Observation.ConnectFailed(Side.SECONDARY, s.now, socket, ConnectFailure.REFUSED, "refused"));
        s.after(Duration.ofSeconds(10));
        FailoverOption option = FailoverOption.of(s.state, Side.PRIMARY, s.now);
        assertThat(option.verdict()).isEqualTo(FailoverOption.Verdict.NEEDS_FENCE_ACKNOWLEDGEMENT);
        assertThat(option.sentence()).contains("over " + socket.words()).contains("no proof that it is gone")
                .contains("confirm that it is fenced");
    }
}
