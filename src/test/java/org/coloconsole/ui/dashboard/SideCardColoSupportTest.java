package org.coloconsole.ui.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.coloconsole.colo.ColoSupport;
import org.coloconsole.colo.HeartbeatPolicy;
import org.coloconsole.colo.Observation;
import org.coloconsole.colo.PairReducer;
import org.coloconsole.colo.PairState;
import org.coloconsole.colo.Side;
import org.junit.jupiter.api.Test;

/** The schema self-test's verdict on the side card, through the real reducer. */
class SideCardColoSupportTest {
    private static final Instant T0 = Instant.parse("2026-11-25T21:00:00Z");
    private final PairReducer reducer = new PairReducer(HeartbeatPolicy.defaults());

    private static SideCardViewModel card(PairState s, Side side) {
        SideCardViewModel model = new SideCardViewModel(side, ZoneOffset.UTC);
        model.update(s.side(side), T0);
        return model;
    }

    @Test
    void okWhenEverythingIsThereNothingBeforeTheCheckAndWhatIsMissingOtherwise() {
        PairState s = PairState.initial("unix:/lab/p.sock", "unix:/lab/s.sock", T0);
        assertThat(card(s, Side.PRIMARY).coloSupportProperty().get()).isEmpty();

        s = reducer.reduce(s, new Observation.ColoSupportChecked(Side.PRIMARY, T0,
                new ColoSupport("10.0.2", List.of(), Set.of(), ColoSupport.UnstableInput.ACCEPTED)));
        s = reducer.reduce(s, new Observation.ColoSupportChecked(Side.SECONDARY, T0,
                new ColoSupport("10.0.2", List.of("command x-colo-lost-heartbeat (refused by -compat "
                        + "unstable-input=reject)"), Set.of("x-colo-lost-heartbeat"),
                        ColoSupport.UnstableInput.REJECTED)));

        assertThat(card(s, Side.PRIMARY).coloSupportProperty().get()).isEqualTo("COLO support: ok");
        assertThat(card(s, Side.SECONDARY).coloSupportProperty().get()).isEqualTo("COLO support: missing command "
                + "x-colo-lost-heartbeat (refused by -compat unstable-input=reject)");
    }
}
