package org.coloconsole.colo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A job has a rate only while it copies: running and short of its total (what the jobs pane shows a rate for). */
class JobCopyingTest {

    private static Job job(String status, long current, long total) {
        return new Job("mirror0", "mirror", Tag.of(JobStatus.class, status), current, total, Optional.empty());
    }

    @Test
    void aRunningJobShortOfItsTotalOrWithoutOneCopies() {
        assertThat(job("running", 4, 16).copying()).isTrue();
        assertThat(job("running", 0, 0).copying()).as("total not estimated yet").isTrue();
    }

    @Test
    void aJobAtItsTotalInSyncPausedDoneOrUnknownDoesNot() {
        assertThat(job("running", 16, 16).copying()).isFalse();
        assertThat(job("ready", 16, 16).copying()).isFalse();
        assertThat(job("paused", 4, 16).copying()).isFalse();
        assertThat(job("concluded", 16, 16).copying()).isFalse();
        assertThat(job("some-new-status", 4, 16).copying()).isFalse();
    }
}
