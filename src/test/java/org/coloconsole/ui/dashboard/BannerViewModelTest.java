package org.coloconsole.ui.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BannerViewModelTest {
    private final BannerViewModel banner = new BannerViewModel();

    @Test
    void aProtectedPairIsGreen() {
        banner.update(Snapshots.protectedPair().recommendation(), FailoverProgress.none());
        assertThat(banner.toneProperty().get()).isEqualTo(Tone.OK);
        assertThat(banner.verdictProperty().get()).isEqualTo("PROTECTED");
    }

    @Test
    void aRecommendedPromotionIsRedWithTheEnginesSentenceAndReasons() {
        RecommendationSnapshot r = new RecommendationSnapshot("PROMOTE_SECONDARY", Optional.of("secondary"),
                "Primary lost 2.1 s ago (socket closed); secondary healthy and waiting after COLO_EXIT reason=error. "
                        + "Recommended: promote the secondary.", List.of("primary: socket closed", "secondary: healthy"));
        banner.update(r, FailoverProgress.none());

        assertThat(banner.toneProperty().get()).isEqualTo(Tone.FAIL);
        assertThat(banner.verdictProperty().get()).isEqualTo("ACT: PROMOTE SECONDARY");
        assertThat(banner.headlineProperty().get()).startsWith("Primary lost 2.1 s ago");
        assertThat(banner.reasonsProperty().get()).isEqualTo("primary: socket closed\nsecondary: healthy");
    }

    @Test
    void degradedAndWaitAreAmberAndCannotTellIsRed() {
        banner.update(RecommendationSnapshot.cannotTell("Neither side answers."), FailoverProgress.none());
        assertThat(banner.toneProperty().get()).isEqualTo(Tone.FAIL);
        banner.update(new RecommendationSnapshot("WAIT", Optional.empty(), "Reconnecting.", List.of()),
                FailoverProgress.none());
        assertThat(banner.toneProperty().get()).isEqualTo(Tone.WARN);
        banner.update(new RecommendationSnapshot("DEGRADED", Optional.empty(), "Unprotected.", List.of()),
                FailoverProgress.none());
        assertThat(banner.toneProperty().get()).isEqualTo(Tone.WARN);
    }

    @Test
    void aRunningFailoverIsSaidOverTheRecommendation() {
        banner.update(Snapshots.primaryKilled().recommendation(), new FailoverProgress(FailoverProgress.Phase.RUNNING,
                Optional.of("secondary"), Optional.empty()));
        assertThat(banner.verdictProperty().get()).isEqualTo("FAILOVER RUNNING");
        assertThat(banner.toneProperty().get()).isEqualTo(Tone.WARN);
    }

    @Test
    void anUnknownKindIsShownAsGiven() {
        banner.update(new RecommendationSnapshot("RE_PROTECTING", Optional.empty(), "Re-protecting.", List.of()),
                FailoverProgress.none());
        assertThat(banner.verdictProperty().get()).isEqualTo("RE PROTECTING");
    }

    @Test
    void theReasonsAreOneEntryPerSideAndTheDetailsChoiceSurvivesEveryNewSnapshot() {
        RecommendationSnapshot first = new RecommendationSnapshot("CANNOT_TELL", Optional.empty(), "Neither answers.",
                List.of("Primary: lost 6.6 s ago.", "Secondary: lost 6.9 s ago."));
        banner.update(first, FailoverProgress.none());
        assertThat(banner.reasonLines()).containsExactly("Primary: lost 6.6 s ago.", "Secondary: lost 6.9 s ago.");
        assertThat(banner.hasReasonsProperty().get()).isTrue();
        assertThat(banner.detailsShownProperty().get()).as("folded at first").isFalse();

        banner.detailsShownProperty().set(true);
        banner.update(new RecommendationSnapshot("CANNOT_TELL", Optional.empty(), "Neither answers.",
                List.of("Primary: lost 7.6 s ago.", "Secondary: lost 7.9 s ago.")), FailoverProgress.none());

        assertThat(banner.reasonLines()).containsExactly("Primary: lost 7.6 s ago.", "Secondary: lost 7.9 s ago.");
        assertThat(banner.detailsShownProperty().get()).isTrue();
    }

    @Test
    void withoutReasonsThereIsNothingToUnfold() {
        banner.update(RecommendationSnapshot.cannotTell("Not connected."), FailoverProgress.none());
        assertThat(banner.reasonLines()).isEmpty();
        assertThat(banner.hasReasonsProperty().get()).isFalse();
    }
}
