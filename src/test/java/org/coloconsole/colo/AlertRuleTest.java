package org.coloconsole.colo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When the operator is alerted: the advice turning to act, cannot tell or split brain, and a side lost; once each. */
class AlertRuleTest {

    private static PairSnapshot snapshot(Scenario s) {
        return new PairSnapshot(s.state, s.recommendation(), s.now);
    }

    @Test
    void aKilledPrimaryRaisesSideLostAndActOnceEach() {
        Scenario s = Scenario.protectedPair();
        PairSnapshot healthy = snapshot(s);
        assertThat(Alert.between(Optional.empty(), healthy, "db")).isEmpty();

        s.after(Duration.ofMillis(500)).killed(Side.PRIMARY).coloExit(Side.SECONDARY, "error");
        PairSnapshot killed = snapshot(s);
        List<Alert> alerts = Alert.between(Optional.of(healthy), killed, "db");
        assertThat(alerts).extracting(Alert::kind).containsExactlyInAnyOrder(Alert.Kind.ACT, Alert.Kind.SIDE_LOST);
        assertThat(alerts).filteredOn(a -> a.kind() == Alert.Kind.ACT).singleElement()
                .satisfies(a -> assertThat(a.title()).isEqualTo("db: failover recommended"));
        assertThat(alerts).filteredOn(a -> a.kind() == Alert.Kind.SIDE_LOST).singleElement()
                .satisfies(a -> assertThat(a.side()).contains(Side.PRIMARY));

        s.after(Duration.ofSeconds(1));
        assertThat(Alert.between(Optional.of(killed), snapshot(s), "db")).as("no repeat while it stays so").isEmpty();
    }

    @Test
    void adviceThatTurnsToTheOtherSideIsAlertedAgain() {
        Scenario s = Scenario.protectedPair();
        PairSnapshot healthy = snapshot(s);
        // the secondary's COLO_EXIT is read before the killed primary's socket is seen closed: both still answer
        s.after(Duration.ofMillis(500)).coloExit(Side.SECONDARY, "error");
        PairSnapshot exited = snapshot(s);
        assertThat(exited.recommendation().kind()).isEqualTo(Recommendation.Kind.CONTINUE_ON_PRIMARY);
        assertThat(Alert.between(Optional.of(healthy), exited, "db")).extracting(Alert::kind, Alert::side)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Alert.Kind.ACT, Optional.of(Side.PRIMARY)));

        s.after(Duration.ofMillis(5)).killed(Side.PRIMARY);
        PairSnapshot killed = snapshot(s);
        assertThat(killed.recommendation().kind()).isEqualTo(Recommendation.Kind.PROMOTE_SECONDARY);
        assertThat(Alert.between(Optional.of(exited), killed, "db"))
                .filteredOn(a -> a.kind() == Alert.Kind.ACT).singleElement()
                .satisfies(a -> {
                    assertThat(a.side()).contains(Side.SECONDARY);
                    assertThat(a.body()).isEqualTo(killed.recommendation().headline());
                });
    }

    @Test
    void splitBrainIsAlerted() {
        Scenario s = Scenario.protectedPair();
        PairSnapshot before = snapshot(s);
        s.lostHeartbeatSent(Side.SECONDARY).after(Duration.ofMillis(484)).coloExit(Side.PRIMARY, "error");
        assertThat(Alert.between(Optional.of(before), snapshot(s), "db")).extracting(Alert::kind)
                .contains(Alert.Kind.SPLIT_BRAIN);
    }
}
