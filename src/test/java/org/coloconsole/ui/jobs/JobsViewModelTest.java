package org.coloconsole.ui.jobs;

import org.coloconsole.ui.fx.Tone;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import javafx.collections.ListChangeListener;
import org.coloconsole.colo.ColoExitReason;
import org.coloconsole.colo.ColoMode;
import org.coloconsole.colo.JobAction;
import org.coloconsole.colo.Observation;
import org.coloconsole.colo.Side;
import org.coloconsole.colo.Tag;
import org.coloconsole.engine.JobActionOutcome;
import org.coloconsole.qmp.QmpTimestamp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The pane's rules without a Stage: rows, enabled actions, and what the operator reads after an action. */
class JobsViewModelTest {
    private static final long MIB = 1024 * 1024;

    private final ScriptedJobActions port = new ScriptedJobActions();
    private final JobsViewModel model = new JobsViewModel(port, Runnable::run);

    private JobRow row(String key) {
        return model.rows().stream().filter(r -> r.key().equals(key)).findFirst().orElseThrow();
    }

    private void showOneJob(String status) {
        model.update(Pairs.protectedPair().jobs(Side.PRIMARY, Pairs.job("m0", "mirror", status, 2 * MIB, 4 * MIB))
                .state());
    }

    @Test
    void theColoProtectionRowComesFirstWithItsLifecycleSentenceAndNoActions() {
        model.update(Pairs.protectedPair().state());

        assertThat(model.rows()).hasSize(1);
        JobRow colo = model.rows().get(0);
        assertThat(colo.side()).isEqualTo("pair");
        assertThat(colo.id()).isEqualTo("colo");
        assertThat(colo.status()).isEqualTo("protected");
        assertThat(colo.tone()).isEqualTo(Tone.OK);
        assertThat(colo.detail()).isEqualTo("Both sides replicate in COLO.");
        assertThat(colo.enabled()).isEmpty();
        assertThat(model.summaryProperty().get()).isEqualTo("Primary: no jobs · Secondary: no jobs");
        assertThat(model.tabTitleProperty().get()).isEqualTo("Jobs");
    }

    @Test
    void aColoExitOnErrorTurnsTheProtectionRowIntoAFailedExitedRow() {
        Pairs pairs = Pairs.protectedPair();
        pairs.apply(new Observation.ColoExit(Side.SECONDARY, Pairs.AT, Tag.of(ColoMode.class, "secondary"),
                Tag.of(ColoExitReason.class, "error"), Optional.empty(), new QmpTimestamp(1, 0), "{}"));
        model.update(pairs.state());

        JobRow colo = model.rows().get(0);
        assertThat(colo.status()).isEqualTo("exited-error");
        assertThat(colo.tone()).isEqualTo(Tone.FAIL);
        assertThat(colo.failed()).isTrue();
        assertThat(colo.detail()).startsWith("COLO stopped on the secondary with an error");
    }

    @Test
    void aCopyingJobShowsItsRateAndTimeLeftFromTheProgressSeenAndNoneOnceInSync() {
        java.util.concurrent.atomic.AtomicLong nanos = new java.util.concurrent.atomic.AtomicLong(1_000);
        JobsViewModel timed = new JobsViewModel(port, Runnable::run, nanos::get);
        timed.update(Pairs.protectedPair().jobs(Side.PRIMARY, Pairs.job("resync", "mirror", "running", 0,
                16 * MIB)).state());
        nanos.addAndGet(2_000_000_000L);
        timed.update(Pairs.protectedPair().jobs(Side.PRIMARY, Pairs.job("resync", "mirror", "running", 4 * MIB,
                16 * MIB)).state());
        assertThat(timed.rows().get(1).progressText()).isEqualTo("4.0 / 16.0 MiB (25%) · 2.0 MiB/s · about 6 s left");

        timed.update(Pairs.protectedPair().jobs(Side.PRIMARY, Pairs.job("resync", "mirror", "ready", 16 * MIB,
                16 * MIB)).state());
        assertThat(timed.rows().get(1).progressText()).isEqualTo("16.0 / 16.0 MiB · in sync");
    }

    @Test
    void eachSidesJobsFollowTheProtectionRowWithTheirProgress() {
        model.update(Pairs.protectedPair()
                .jobs(Side.PRIMARY, Pairs.job("m0", "mirror", "running", 2 * MIB, 4 * MIB))
                .jobs(Side.SECONDARY, Pairs.job("s0", "stream", "paused", 0, 0))
                .state());

        assertThat(model.rows()).extracting(JobRow::key).containsExactly("pair/colo", "primary/m0", "secondary/s0");
        JobRow m0 = row("primary/m0");
        assertThat(m0.type()).isEqualTo("mirror");
        assertThat(m0.fraction()).contains(0.5);
        assertThat(m0.progressText()).isEqualTo("2.0 / 4.0 MiB (50%) · rate not known yet");
        assertThat(m0.tone()).isEqualTo(Tone.OK);
        JobRow s0 = row("secondary/s0");
        assertThat(s0.fraction()).isEmpty();
        assertThat(s0.progressText()).isEqualTo("not estimated yet");
        assertThat(s0.tone()).isEqualTo(Tone.WARN);
        assertThat(model.summaryProperty().get()).isEqualTo("Primary: 1 job · Secondary: 1 job");
        assertThat(model.tabTitleProperty().get()).isEqualTo("Jobs (2)");
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = ';', value = {
            "created;    PAUSE,CANCEL",
            "running;    PAUSE,CANCEL",
            "paused;     RESUME,CANCEL",
            "ready;      PAUSE,CANCEL,COMPLETE",
            "standby;    RESUME,CANCEL,COMPLETE",
            "waiting;    CANCEL",
            "pending;    CANCEL,FINALIZE",
            "concluded;  DISMISS",
            "aborting;   ''",
            "undefined;  ''",
            "rebooting;  ''"})
    void theStatusDecidesWhichActionsAreEnabled(String status, String actions) {
        showOneJob(status);

        Set<JobAction> expected = new java.util.HashSet<>();
        for (String name : actions.split(",")) {
            if (!name.isBlank()) {
                expected.add(JobAction.valueOf(name.strip()));
            }
        }
        assertThat(row("primary/m0").enabled()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(row("primary/m0").status()).isEqualTo(status);
    }

    @Test
    void anUnknownStatusIsShownAsQemuSaidItWithNoActionsAndASentence() {
        showOneJob("rebooting");

        JobRow m0 = row("primary/m0");
        assertThat(m0.status()).isEqualTo("rebooting");
        assertThat(m0.enabled()).isEmpty();
        assertThat(m0.tone()).isEqualTo(Tone.NEUTRAL);
        assertThat(m0.detail()).isEqualTo("QEMU reports a status this console does not know (rebooting); no action "
                + "is offered.");
    }

    @Test
    void aMirrorAtItsTotalIsInSyncWhenReadyAndStillRunningOtherwise() {
        model.update(Pairs.protectedPair()
                .jobs(Side.PRIMARY, Pairs.job("m0", "mirror", "ready", 4 * MIB, 4 * MIB),
                        Pairs.job("m1", "mirror", "running", 4 * MIB, 4 * MIB))
                .state());

        assertThat(row("primary/m0").progressText()).isEqualTo("4.0 / 4.0 MiB · in sync");
        assertThat(row("primary/m1").progressText()).isEqualTo("4.0 / 4.0 MiB (100%, still running)");
        assertThat(row("primary/m1").fraction()).contains(1.0);
    }

    @Test
    void aSideThatDoesNotAnswerKeepsItsLastJobsButOffersNoAction() {
        Pairs pairs = Pairs.protectedPair().jobs(Side.PRIMARY, Pairs.job("m0", "mirror", "ready", 4 * MIB, 4 * MIB));
        pairs.apply(new Observation.PingMissed(Side.PRIMARY, Pairs.AT, 5, java.time.Duration.ofSeconds(5)));
        model.update(pairs.state());

        assertThat(pairs.state().primary().answering()).as("the fixture: pings unanswered").isFalse();
        assertThat(row("primary/m0").enabled()).isEmpty();
        assertThat(row("primary/m0").detail()).isEqualTo("The primary does not answer: shown as last read; no action "
                + "can be sent.");
    }

    @Test
    void anActionGoesToThePortAndTheRowWaitsForItsAnswer() {
        showOneJob("ready");

        assertThat(model.act(row("primary/m0"), JobAction.PAUSE)).isTrue();

        assertThat(port.calls).hasSize(1);
        assertThat(port.last().side()).isEqualTo(Side.PRIMARY);
        assertThat(port.last().action()).isEqualTo(JobAction.PAUSE);
        assertThat(port.last().jobId()).isEqualTo("m0");
        assertThat(model.messageProperty().get()).isEqualTo("Sending job-pause for job 'm0' to the primary…");
        assertThat(row("primary/m0").enabled()).as("no second click while QEMU answers").isEmpty();
        assertThat(model.act(row("primary/m0"), JobAction.CANCEL)).isFalse();
        assertThat(port.calls).hasSize(1);
        assertThat(model.messageProperty().get()).isEqualTo("An action on job 'm0' on the primary still waits for "
                + "QEMU's answer.");

        port.last().answer().complete(new JobActionOutcome(JobActionOutcome.Result.DONE, Side.PRIMARY,
                JobAction.PAUSE, "m0", "QEMU accepted job-pause for job 'm0' on the primary.", Optional.empty()));

        assertThat(model.messageProperty().get()).isEqualTo("QEMU accepted job-pause for job 'm0' on the primary.");
        assertThat(model.messageToneProperty().get()).isEqualTo(Tone.OK);
        assertThat(row("primary/m0").enabled()).contains(JobAction.PAUSE, JobAction.COMPLETE);
    }

    @Test
    void theConsolesRefusalIsShownAsItsSentence() {
        showOneJob("ready");
        model.act(row("primary/m0"), JobAction.RESUME);
        String sentence = "Job 'm0' on the primary is ready, and QEMU does not accept resume then; it accepts pause, "
                + "cancel, complete.";
        port.last().answer().complete(new JobActionOutcome(JobActionOutcome.Result.REFUSED, Side.PRIMARY,
                JobAction.RESUME, "m0", sentence, Optional.empty()));

        assertThat(model.messageProperty().get()).isEqualTo(sentence);
        assertThat(model.messageToneProperty().get()).isEqualTo(Tone.WARN);
    }

    @Test
    void qemusRefusalNamesItsErrorClass() {
        showOneJob("ready");
        model.act(row("primary/m0"), JobAction.COMPLETE);
        port.last().answer().complete(new JobActionOutcome(JobActionOutcome.Result.QEMU_REFUSED, Side.PRIMARY,
                JobAction.COMPLETE, "m0", "QEMU refused to complete job 'm0' on the primary (GenericError): Job not "
                + "found", Optional.of("GenericError")));

        assertThat(model.messageProperty().get()).contains("(GenericError)").contains("Job not found");
        assertThat(model.messageToneProperty().get()).isEqualTo(Tone.FAIL);
    }

    @Test
    void aFailureOfTheRunnerItselfBecomesASentenceNotAStackTrace() {
        showOneJob("running");
        model.act(row("primary/m0"), JobAction.CANCEL);
        port.last().answer().completeExceptionally(new CompletionException(
                new IllegalStateException("the console is closing")));

        assertThat(model.messageProperty().get()).isEqualTo("The cancel of job 'm0' on the primary did not finish "
                + "(the console is closing). Check the event log before you try again.");
        assertThat(model.messageProperty().get()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(model.messageToneProperty().get()).isEqualTo(Tone.FAIL);
        assertThat(row("primary/m0").enabled()).as("the row is free again").contains(JobAction.CANCEL);
    }

    @Test
    void theProtectionRowIsNotSentToQemu() {
        model.update(Pairs.protectedPair().state());

        assertThat(model.act(model.rows().get(0), JobAction.CANCEL)).isFalse();
        assertThat(port.calls).isEmpty();
        assertThat(model.messageProperty().get()).contains("not a QEMU job");
    }

    @Test
    void aProgressChangeReplacesOnlyThatRowAndAnUnchangedStateChangesNothing() {
        Pairs pairs = Pairs.protectedPair().jobs(Side.PRIMARY, Pairs.job("m0", "mirror", "running", MIB, 4 * MIB),
                Pairs.job("m1", "mirror", "running", MIB, 4 * MIB));
        model.update(pairs.state());
        List<String> changes = new ArrayList<>();
        model.rows().addListener((ListChangeListener<JobRow>) c -> {
            while (c.next()) {
                changes.add((c.wasReplaced() ? "replaced " : c.wasAdded() ? "added " : "removed ") + c.getFrom());
            }
        });

        model.update(pairs.state());
        assertThat(changes).isEmpty();

        model.update(pairs.jobs(Side.PRIMARY, Pairs.job("m0", "mirror", "running", MIB, 4 * MIB),
                Pairs.job("m1", "mirror", "running", 3 * MIB, 4 * MIB)).state());
        assertThat(changes).containsExactly("replaced 2");
        assertThat(row("primary/m1").fraction()).contains(0.75);

        model.update(pairs.jobs(Side.PRIMARY, Pairs.job("m1", "mirror", "running", 3 * MIB, 4 * MIB)).state());
        assertThat(model.rows()).extracting(JobRow::key).containsExactly("pair/colo", "primary/m1");
    }
}
