package org.coloconsole.ui.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.coloconsole.colo.FailoverProgress;
import org.coloconsole.colo.Recommendation;
import org.coloconsole.colo.Side;
import org.coloconsole.ui.fx.Tone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BannerViewModelTest {
    private static final FailoverProgress NONE = FailoverProgress.none(Instant.EPOCH);
    private final BannerViewModel banner = new BannerViewModel();

    private static Recommendation advice(Recommendation.Kind kind, String headline, List<String> reasons) {
        return new Recommendation(kind, Optional.empty(), headline, reasons, false);
    }

    @Test
    void aProtectedPairIsGreen() {
        banner.update(Snapshots.protectedPair().recommendation(), NONE);
        assertThat(banner.toneProperty().get()).isEqualTo(Tone.OK);
        assertThat(banner.verdictProperty().get()).isEqualTo("PROTECTED");
    }

    @Test
    void aRecommendedPromotionIsRedWithTheEnginesSentenceAndReasons() {
        Recommendation r = new Recommendation(Recommendation.Kind.PROMOTE_SECONDARY, Optional.of(Side.SECONDARY),
                "Primary lost 2.1 s ago (socket closed); secondary healthy and waiting after COLO_EXIT reason=error. "
                        + "Recommended: promote the secondary.", List.of("primary: socket closed", "secondary: healthy"),
                false);
        banner.update(r, NONE);

        assertThat(banner.toneProperty().get()).isEqualTo(Tone.FAIL);
        assertThat(banner.verdictProperty().get()).isEqualTo("ACT: PROMOTE SECONDARY");
        assertThat(banner.headlineProperty().get()).startsWith("Primary lost 2.1 s ago");
        assertThat(banner.reasonsProperty().get()).isEqualTo("primary: socket closed\nsecondary: healthy");
    }

    @Test
    void degradedAndWaitAreAmberAndCannotTellIsRed() {
        banner.update(advice(Recommendation.Kind.CANNOT_TELL, "Neither side answers.", List.of()), NONE);
        assertThat(banner.toneProperty().get()).isEqualTo(Tone.FAIL);
        banner.update(advice(Recommendation.Kind.WAIT, "Reconnecting.", List.of()), NONE);
        assertThat(banner.toneProperty().get()).isEqualTo(Tone.WARN);
        banner.update(advice(Recommendation.Kind.DEGRADED, "Unprotected.", List.of()), NONE);
        assertThat(banner.toneProperty().get()).isEqualTo(Tone.WARN);
    }

    /** Every kind the engine can give has its own verdict, never a blank or a neutral banner. */
    @ParameterizedTest
    @EnumSource(Recommendation.Kind.class)
    void everyKindHasAVerdictAndATone(Recommendation.Kind kind) {
        banner.update(advice(kind, "A sentence.", List.of()), NONE);
        assertThat(banner.verdictProperty().get()).isNotBlank();
        assertThat(banner.toneProperty().get()).isNotEqualTo(Tone.NEUTRAL);
    }

    @Test
    void aRunningFailoverIsSaidOverTheRecommendation() {
        banner.update(Snapshots.primaryKilled().recommendation(), new FailoverProgress(FailoverProgress.Phase.RUNNING,
                Optional.of(Side.SECONDARY), "failing over to the secondary", Instant.EPOCH));
        assertThat(banner.verdictProperty().get()).isEqualTo("FAILOVER RUNNING");
        assertThat(banner.toneProperty().get()).isEqualTo(Tone.WARN);
    }

    @Test
    void theReasonsAreOneEntryPerSideAndTheDetailsChoiceSurvivesEveryNewSnapshot() {
        banner.update(advice(Recommendation.Kind.CANNOT_TELL, "Neither answers.",
                List.of("Primary: lost 6.6 s ago.", "Secondary: lost 6.9 s ago.")), NONE);
        assertThat(banner.reasonLines()).containsExactly("Primary: lost 6.6 s ago.", "Secondary: lost 6.9 s ago.");
        assertThat(banner.hasReasonsProperty().get()).isTrue();
        assertThat(banner.detailsShownProperty().get()).as("folded at first").isFalse();

        banner.detailsShownProperty().set(true);
        banner.update(advice(Recommendation.Kind.CANNOT_TELL, "Neither answers.",
                List.of("Primary: lost 7.6 s ago.", "Secondary: lost 7.9 s ago.")), NONE);

        assertThat(banner.reasonLines()).containsExactly("Primary: lost 7.6 s ago.", "Secondary: lost 7.9 s ago.");
        assertThat(banner.detailsShownProperty().get()).isTrue();
    }

    @Test
    void withoutReasonsThereIsNothingToUnfold() {
        banner.update(advice(Recommendation.Kind.CANNOT_TELL, "Not connected.", List.of()), NONE);
        assertThat(banner.reasonLines()).isEmpty();
        assertThat(banner.hasReasonsProperty().get()).isFalse();
    }
}
