package org.coloconsole.colo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The claim's text and the one rule for a held claim: a claim's text reads back as the same holder whatever its
 * fields hold; a held claim is taken over only from a gone process of this host, and every refusal names the holder.
 */
class ClaimPropertyTest {

    @Provide
    Arbitrary<Claim> claims() {
        Arbitrary<String> words = Arbitraries.strings().all().ofMinLength(0).ofMaxLength(12);
        return Combinators.combine(words, words, Arbitraries.longs().between(-5, 5_000_000), words, words)
                .as(Claim::new);
    }

    @Property(tries = 500)
    void aClaimsTextReadsBackAsTheSameHolder(@ForAll("claims") Claim claim) {
        Claim read = Claim.parse(claim.text());

        assertThat(read).isEqualTo(claim);
        assertThat(read.text()).doesNotContain("\n", "\r", "\u001b");
    }

    @Property(tries = 1000)
    void aHeldClaimIsTakenOverOnlyFromAGoneProcessOfThisHost(@ForAll("claims") Claim me,
                                                             @ForAll("claims") Claim holder,
                                                             @ForAll ClaimDecision.HolderProcess process,
                                                             @ForAll Side side) {
        ClaimDecision decision = ClaimDecision.onHeld(side, me, holder, process);

        if (decision instanceof ClaimDecision.TakeOver takeOver) {
            assertThat(process).isEqualTo(ClaimDecision.HolderProcess.GONE_HERE);
            assertThat(holder.host()).isEqualTo(me.host());
            assertThat(holder.identified()).isTrue();
            assertThat(takeOver.stale()).isEqualTo(holder);
        } else if (decision instanceof ClaimDecision.Own) {
            assertThat(holder.sameHolder(me)).isTrue();
        } else {
            ClaimDecision.Refused refused = (ClaimDecision.Refused) decision;
            assertThat(refused.sentence()).contains(holder.holder()).contains("The " + side.label())
                    .contains(Claim.OBJECT_ID);
        }
    }

    @Test
    void aLiveHolderOnThisHostIsRefusedByName() {
        Claim me = new Claim("host-a", "alice", 100, "t", "n1");
        Claim other = new Claim("host-a", "bob", 200, "2026-12-02T13:40:01Z", "n2");

        ClaimDecision decision = ClaimDecision.onHeld(Side.SECONDARY, me, other,
                ClaimDecision.HolderProcess.ALIVE_HERE);

        assertThat(decision).isInstanceOfSatisfying(ClaimDecision.Refused.class, r -> assertThat(r.sentence())
                .startsWith("The secondary is claimed by console pid 200 of bob on host-a (since "
                        + "2026-12-02T13:40:01Z): another console on this host is running a failover"));
    }

    @Test
    void aGoneHolderOnAnotherHostNeedsTheOperator() {
        Claim me = new Claim("host-a", "alice", 100, "t", "n1");
        Claim elsewhere = new Claim("host-b", "alice", 100, "t", "n9");

        assertThat(ClaimDecision.onHeld(Side.PRIMARY, me, elsewhere, ClaimDecision.HolderProcess.GONE_HERE))
                .isInstanceOf(ClaimDecision.Refused.class);
        assertThat(ClaimDecision.onHeld(Side.PRIMARY, me, elsewhere, ClaimDecision.HolderProcess.ELSEWHERE))
                .isInstanceOf(ClaimDecision.Refused.class);
    }

    @Test
    void aForeignObjectUnderTheClaimsIdIsAnUnidentifiedHolderNeverTakenOver() {
        Claim foreign = Claim.parse("someone else's text");
        Claim me = new Claim("?", "alice", 100, "t", "n1");

        assertThat(foreign.identified()).isFalse();
        assertThat(ClaimDecision.onHeld(Side.PRIMARY, me, foreign, ClaimDecision.HolderProcess.GONE_HERE))
                .isInstanceOf(ClaimDecision.Refused.class);
    }

    @Test
    void ownClaimIsOwnEvenWithAnotherTimeLabel() {
        Claim me = new Claim("h", "u", 7, "t1", "abc");

        assertThat(ClaimDecision.onHeld(Side.PRIMARY, me, new Claim("h", "u", 7, "t2", "abc"),
                ClaimDecision.HolderProcess.ALIVE_HERE)).isInstanceOf(ClaimDecision.Own.class);
        assertThat(Optional.of(me).map(c -> c.sameHolder(new Claim("h", "u", 7, "t1", "abd")))).contains(false);
    }
}
