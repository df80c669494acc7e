package org.coloconsole.ui.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.coloconsole.colo.AutoFailoverDecision;
import org.coloconsole.colo.Side;
import org.junit.jupiter.api.Test;

/** The banner says the engine's countdown as it is, offers Cancel only while it counts down, and forwards it. */
class BannerCountdownTest {
    private final BannerViewModel banner = new BannerViewModel();

    private static AutoFailoverDecision decision(AutoFailoverDecision.Kind kind, Duration remaining) {
        return new AutoFailoverDecision(kind, Optional.of(Side.SECONDARY), remaining, List.of("why"));
    }

    @Test
    void theCountdownSaysWhatWillHappenAndWhenInWholeSecondsRoundedUp() {
        banner.showAutoFailover(decision(AutoFailoverDecision.Kind.COUNTDOWN, Duration.ofSeconds(2)));
        assertThat(banner.countdownProperty().get()).isEqualTo("Promoting the secondary in 2 s");
        assertThat(banner.cancellableProperty().get()).isTrue();
        banner.showAutoFailover(decision(AutoFailoverDecision.Kind.COUNTDOWN, Duration.ofMillis(1200)));
        assertThat(banner.countdownProperty().get()).isEqualTo("Promoting the secondary in 2 s");
        banner.showAutoFailover(decision(AutoFailoverDecision.Kind.COUNTDOWN, Duration.ofMillis(400)));
        assertThat(banner.countdownProperty().get()).isEqualTo("Promoting the secondary in 1 s");
    }

    @Test
    void onceItFencesOrPromotesThereIsNothingLeftToCancel() {
        banner.showAutoFailover(decision(AutoFailoverDecision.Kind.FENCE, Duration.ZERO));
        assertThat(banner.countdownProperty().get()).isEqualTo("Fencing the primary before promoting the secondary");
        assertThat(banner.cancellableProperty().get()).isFalse();
        banner.showAutoFailover(decision(AutoFailoverDecision.Kind.PROMOTE, Duration.ZERO));
        assertThat(banner.countdownProperty().get()).isEqualTo("Promoting the secondary automatically");
    }

    @Test
    void holdingOrDisarmedShowsNothing() {
        banner.showAutoFailover(decision(AutoFailoverDecision.Kind.COUNTDOWN, Duration.ofSeconds(2)));
        banner.showAutoFailover(decision(AutoFailoverDecision.Kind.HOLD, Duration.ZERO));
        assertThat(banner.countdownProperty().get()).isEmpty();
        assertThat(banner.cancellableProperty().get()).isFalse();
    }

    @Test
    void cancelGoesToThePolicy() {
        AtomicInteger cancels = new AtomicInteger();
        banner.onCancel(cancels::incrementAndGet);
        banner.cancelAutoFailover();
        assertThat(cancels).hasValue(1);
    }
}
