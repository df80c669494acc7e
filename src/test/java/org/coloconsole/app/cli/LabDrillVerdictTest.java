package org.coloconsole.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.coloconsole.colo.ServiceGap;
import org.coloconsole.colo.SwitchoverPhase;
import org.coloconsole.colo.SwitchoverPlan;
import org.coloconsole.engine.SwitchoverOutcome;
import org.coloconsole.qmp.QmpValue;
import org.junit.jupiter.api.Test;

/** The drill's verdict and its JSON: PASSED only with both swaps done, one serving side and the disk advancing. */
class LabDrillVerdictTest {

    @Test
    void twoSwapsWithTheDiskAdvancingPassAndTheJsonCarriesEachPhase() {
        LabDrill.Result result = LabDrill.verdict(List.of(swap(10, 20, 0), swap(21, 30, 0)));

        assertThat(result.passed()).as(result.sentence()).isTrue();
        assertThat(result.sentence()).startsWith("PASSED").contains("disk counter 10 → 30");
        QmpValue json = QmpValue.parse(LabDrill.toJson(result));
        assertThat(json.string("result")).contains("PASSED");
        assertThat(json.get("swaps").elements()).hasSize(2);
        assertThat(json.get("swaps").elements().get(0).get("phases").elements()).hasSize(3);
        assertThat(json.get("swaps").elements().get(0).get("longest-probe-gap-ms").asLong(-1)).isEqualTo(1500);
    }

    @Test
    void twoServingSidesOrAStillDiskFailTheDrillWithWhy() {
        assertThat(LabDrill.verdict(List.of(swap(10, 20, 2), swap(21, 30, 0))).sentence())
                .startsWith("FAILED: two sides answered at once");
        assertThat(LabDrill.verdict(List.of(swap(10, 10, 0), swap(21, 30, 0))).sentence())
                .startsWith("FAILED: the guest's disk counter did not advance");
    }

    private static SwitchoverOutcome swap(long firstDisk, long lastDisk, int both) {
        ServiceGap gap = new ServiceGap(Duration.ofMillis(1500), 12, both, OptionalLong.of(firstDisk),
                OptionalLong.of(lastDisk));
        List<SwitchoverOutcome.PhaseTime> phases = List.of(SwitchoverPhase.values()).stream()
                .map(p -> new SwitchoverOutcome.PhaseTime(p, SwitchoverPhase.Result.DONE, Duration.ofSeconds(2), gap,
                        "done")).toList();
        return new SwitchoverOutcome(SwitchoverPlan.Ending.SWAPPED, false, "swapped", phases, gap,
                Duration.ofSeconds(6));
    }
}
