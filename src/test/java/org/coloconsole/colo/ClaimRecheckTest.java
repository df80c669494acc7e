package org.coloconsole.colo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The re-read inside the claim just before the lost-heartbeat: what lets it go, and what stops it. */
class ClaimRecheckTest {
    private static final Claim ME = new Claim("h", "me", 1, "t", "n1");
    private static final Claim OTHER = new Claim("h", "other", 2, "t", "n2");

    private static ClaimRecheck.SidePicture inColo(String mode, Optional<Claim> claim) {
        return new ClaimRecheck.SidePicture(true, Tag.of(ColoMode.class, mode),
                Optional.of(Tag.of(ColoMode.class, "none")), Tag.of(ColoExitReason.class, "none"), claim);
    }

    private static ClaimRecheck.SidePicture promoted(String lastMode) {
        return new ClaimRecheck.SidePicture(true, Tag.of(ColoMode.class, "none"),
                Optional.of(Tag.of(ColoMode.class, lastMode)), Tag.of(ColoExitReason.class, "request"),
                Optional.of(ME));
    }

    @Test
    void anUnchangedPictureLetsTheLostHeartbeatGo() {
        ClaimRecheck.SidePicture p = inColo("primary", Optional.of(ME));

        assertThat(ClaimRecheck.changed(Side.PRIMARY, p, p, ME, false)).isEmpty();
    }

    @Test
    void aSideThatWasSilentAndAnswersNowStopsIt() {
        assertThat(ClaimRecheck.changed(Side.PRIMARY, ClaimRecheck.SidePicture.silent(),
                inColo("primary", Optional.empty()), ME, false)).hasValueSatisfying(
                        s -> assertThat(s).startsWith("The primary answers again"));
    }

    @Test
    void aClaimTakenByAnotherConsoleStopsItAndNamesTheHolder() {
        assertThat(ClaimRecheck.changed(Side.SECONDARY, inColo("secondary", Optional.of(ME)),
                inColo("secondary", Optional.of(OTHER)), ME, false)).hasValueSatisfying(
                        s -> assertThat(s).contains(OTHER.holder()));
    }

    @Test
    void aColoStatusThatChangedStopsIt() {
        assertThat(ClaimRecheck.changed(Side.SECONDARY, inColo("secondary", Optional.of(ME)),
                promoted("secondary"), ME, false)).hasValueSatisfying(
                        s -> assertThat(s).contains("COLO status changed"));
    }

    @Test
    void aSideQuitOnPurposeMayStopAnswering() {
        ClaimRecheck.SidePicture before = inColo("primary", Optional.of(ME));

        assertThat(ClaimRecheck.changed(Side.PRIMARY, before, ClaimRecheck.SidePicture.silent(), ME, true)).isEmpty();
        assertThat(ClaimRecheck.changed(Side.PRIMARY, before, ClaimRecheck.SidePicture.silent(), ME, false))
                .isPresent();
    }

    @Test
    void anOtherSideThatAlreadyLeftColoOnRequestIsNeverPromotedAgainst() {
        assertThat(ClaimRecheck.otherAlreadyPromoted(Side.PRIMARY, promoted("secondary"))).hasValueSatisfying(
                s -> assertThat(s).startsWith("The secondary has already left COLO on request"));
        assertThat(ClaimRecheck.otherAlreadyPromoted(Side.PRIMARY, inColo("secondary", Optional.of(ME)))).isEmpty();
    }

    @Provide
    Arbitrary<ClaimRecheck.SidePicture> pictures() {
        Arbitrary<String> modes = Arbitraries.of("none", "primary", "secondary", "weird");
        Arbitrary<String> reasons = Arbitraries.of("none", "request", "error", "processing");
        Arbitrary<Optional<Claim>> claims = Arbitraries.of(Optional.empty(), Optional.of(ME), Optional.of(OTHER));
        return net.jqwik.api.Combinators.combine(Arbitraries.of(true, false), modes, modes, reasons, claims)
                .as((answering, mode, last, reason, claim) -> new ClaimRecheck.SidePicture(answering,
                        Tag.of(ColoMode.class, mode), Optional.of(Tag.of(ColoMode.class, last)),
                        Tag.of(ColoExitReason.class, reason), claim));
    }

    /** Whatever the two readings, the lost-heartbeat goes only if the side's claim is still this console's. */
    @Property(tries = 1000)
    void theLostHeartbeatNeverGoesToAnAnsweringSideThatIsNotClaimedByThisConsole(
            @ForAll("pictures") ClaimRecheck.SidePicture before, @ForAll("pictures") ClaimRecheck.SidePicture now,
            @ForAll Side side) {
        Optional<String> changed = ClaimRecheck.changed(side, before, now, ME, false);

        if (changed.isEmpty() && now.answering()) {
            assertThat(before.answering()).isTrue();
            assertThat(now.claim()).contains(ME);
            assertThat(now.mode().raw()).isEqualTo(before.mode().raw());
            assertThat(now.reason().raw()).isEqualTo(before.reason().raw());
        }
        if (before.answering() != now.answering()) {
            assertThat(changed).isPresent();
        }
    }
}
