package org.coloconsole.colo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which actions each status allows: QEMU 7.2's JobVerbTable and its two checks before the table. */
class JobActionsTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = ';', value = {
            "undefined;",
            "created;pause cancel",
            "running;pause cancel",
            "paused;resume cancel",
            "ready;pause cancel complete",
            "standby;resume cancel complete",
            "waiting;cancel",
            "pending;cancel finalize",
            "aborting;",
            "concluded;dismiss",
            "null;",
            "exploding;",
    })
    void everyStatusAllowsExactlyWhatQemuAccepts(String status, String actions) {
        Set<JobAction> expected = EnumSet.noneOf(JobAction.class);
        if (actions != null) {
            for (String verb : actions.split(" ")) {
                expected.add(JobAction.parse(verb).orElseThrow());
            }
        }
        assertThat(JobActions.allowed(JobStatus.tag(status))).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void everyKnownStatusIsCoveredAndAnUnknownOneIsKeptRaw() {
        Tag<JobStatus> odd = JobStatus.tag("exploding");
        assertThat(odd.value()).isEqualTo(JobStatus.UNKNOWN);
        assertThat(odd.raw()).isEqualTo("exploding");
        assertThat(JobActions.allowed(odd)).isEmpty();
        for (JobStatus status : JobStatus.values()) {
            if (status != JobStatus.UNKNOWN) {
                assertThat(JobStatus.tag(status.name().toLowerCase()).value()).isEqualTo(status);
            }
        }
    }

    @Test
    void actionsNameTheirQmpCommand() {
        assertThat(JobAction.PAUSE.command()).isEqualTo("job-pause");
        assertThat(JobAction.FINALIZE.command()).isEqualTo("job-finalize");
        assertThat(JobAction.parse(" Complete ")).contains(JobAction.COMPLETE);
        assertThat(JobAction.parse("set-speed")).isEmpty();
    }

    @Test
    void aJobOffersItsStatusActions() {
        Job ready = new Job("m0", "mirror", JobStatus.tag("ready"), 8, 8, java.util.Optional.empty());
        assertThat(ready.allowedActions()).containsExactlyInAnyOrder(JobAction.PAUSE, JobAction.CANCEL,
                JobAction.COMPLETE);
        assertThat(ready.fraction()).contains(1.0);
        assertThat(Job.seen("x", JobStatus.tag("created")).fraction()).isEmpty();
    }
}
