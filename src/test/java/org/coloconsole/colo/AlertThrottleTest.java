package org.coloconsole.colo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AlertThrottleTest {
    private static final long SECOND = 1_000_000_000L;
    private final AlertThrottle throttle = new AlertThrottle(Duration.ofSeconds(60));

    private static Alert lost(Side side) {
        return new Alert(Alert.Kind.SIDE_LOST, Optional.of(side), "db: the " + side.label() + " is lost", "gone.",
                Instant.EPOCH);
    }

    @Test
    void aFlappingSideIsDeliveredOnceWithinTheGap() {
        assertThat(throttle.admit(lost(Side.PRIMARY), 0)).isInstanceOf(AlertThrottle.Decision.Deliver.class);
        for (int flap = 1; flap <= 100; flap++) {
            assertThat(throttle.admit(lost(Side.PRIMARY), flap * SECOND / 2))
                    .as("flap %d", flap).isInstanceOf(AlertThrottle.Decision.Hold.class);
        }
    }

    @Test
    void afterTheGapTheNextAlertSaysHowManyWereHeldBack() {
        throttle.admit(lost(Side.PRIMARY), 0);
        throttle.admit(lost(Side.PRIMARY), 10 * SECOND);
        throttle.admit(lost(Side.PRIMARY), 20 * SECOND);
        AlertThrottle.Decision next = throttle.admit(lost(Side.PRIMARY), 61 * SECOND);
        assertThat(next).isInstanceOf(AlertThrottle.Decision.Deliver.class);
        assertThat(((AlertThrottle.Decision.Deliver) next).alert().body())
                .isEqualTo("gone. (2 alerts like it were held back since the last one.)");
    }

    @Test
    void anotherKindOrSideIsNotHeldBack() {
        throttle.admit(lost(Side.PRIMARY), 0);
        assertThat(throttle.admit(lost(Side.SECONDARY), SECOND)).isInstanceOf(AlertThrottle.Decision.Deliver.class);
        Alert splitBrain = new Alert(Alert.Kind.SPLIT_BRAIN, Optional.empty(), "db: SPLIT BRAIN", "both run.",
                Instant.EPOCH);
        assertThat(throttle.admit(splitBrain, 2 * SECOND)).isInstanceOf(AlertThrottle.Decision.Deliver.class);
    }
}
