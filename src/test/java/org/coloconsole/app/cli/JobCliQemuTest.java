package org.coloconsole.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.coloconsole.app.PairSession;
import org.coloconsole.colo.Job;
import org.coloconsole.colo.JobAction;
import org.coloconsole.colo.JobStatus;
import org.coloconsole.colo.Observation;
import org.coloconsole.colo.Side;
import org.coloconsole.engine.JobActionOutcome;
import org.coloconsole.engine.JobActionRunner;
import org.coloconsole.engine.JournalAuditTrail;
import org.coloconsole.engine.PairConfig;
import org.coloconsole.qmp.QmpClient;
import org.coloconsole.qmp.QmpClientOptions;
import org.coloconsole.qmp.QmpValue;
import org.coloconsole.testing.JobImages;
import org.coloconsole.testing.QemuMonitorProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Block jobs on a real QEMU 7.2 ({@code -machine none}, qcow2 images attached with blockdev-add): a console session
 * watches both sides while the CLI lists and acts, and the test's own monitor starts the jobs.
 */
class JobCliQemuTest {
    private static final int MIB = 1024 * 1024;
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path tmp;

    private JobImages images;

    private QemuMonitorProcess primary;
    private QemuMonitorProcess secondary;
    private QmpClient harness;
    private PairSession watching;
    private final List<String> jobEvents = new CopyOnWriteArrayList<>();
    private Path cliJournal;

    record Run(int exit, String out, String err) {
    }

    @BeforeEach
    void start() throws Exception {
        images = new JobImages(tmp);
        // monitor 0: the watching session; 1: the CLI; 2: this test's harness
        primary = QemuMonitorProcess.start(3, 0);
        secondary = QemuMonitorProcess.start(2, 0);
        harness = new QmpClient(QmpClientOptions.defaults("harness"));
        harness.connect(primary.unixEndpoint(2));
        Path watchJournal = Files.createDirectory(tmp.resolve("watch-journal"));
        cliJournal = tmp.resolve("journal");
        watching = PairSession.open(PairConfig.of(primary.unixEndpoint(0), secondary.unixEndpoint(0)),
                () -> JournalAuditTrail.open(watchJournal), Clock.systemUTC());
        watching.supervisor().onLog(e -> {
            if (e.name().equals("JOB_STATUS_CHANGE")) {
                QmpValue data = QmpValue.parse(e.rawJson()).get("data");
                jobEvents.add(data.string("id").orElse("?") + ":" + data.string("status").orElse("?"));
            }
        });
        assertThat(watching.awaitKnown(WAIT)).isTrue();
    }

    @AfterEach
    void stop() {
        try {
            if (watching != null) {
                watching.close();
            }
            if (harness != null) {
                harness.close();
            }
        } finally {
            if (primary != null) {
                primary.close();
            }
            if (secondary != null) {
                secondary.close();
            }
        }
    }

    @Test
    void aMirrorReachesReadyAndIsPausedResumedAndCompletedFromTheCli() throws Exception {
        attach("src", images.data("src.qcow2", 4));
        attach("dst", images.empty("dst.qcow2", 4));
        qmp("blockdev-mirror", Map.of("job-id", "m0", "device", "src", "target", "dst", "sync", "full"));

        Job ready = awaitJob("m0", JobStatus.READY);
        assertThat(ready.type()).as("re-read after the event").isEqualTo("mirror");
        assertThat(ready.totalProgress()).isEqualTo(4L * MIB);
        assertThat(jobEvents).contains("m0:created", "m0:running", "m0:ready");

        Run list = run(pair("jobs"));
        assertThat(list.exit()).as(list.err()).isZero();
        assertThat(list.out()).containsPattern("primary +m0 +mirror +ready +4194304/4194304 \\(100%\\) +pause,cancel,complete");
        assertThat(list.out()).contains("secondary (no jobs)").containsPattern("pair +colo +colo +not-protected");
        Run json = run(pair("jobs", "--json"));
        QmpValue listed = QmpValue.parse(json.out().strip());
        assertThat(listed.get("primary").get("jobs").elements().get(0).string("status")).contains("ready");
        assertThat(listed.get("colo").string("lifecycle")).contains("NOT_PROTECTED");

        Run pause = run(pair("job", "pause", "m0", "--side", "primary"));
        assertThat(pause.exit()).as(pause.err()).isZero();
        assertThat(pause.out()).contains("QEMU accepted job-pause for job 'm0' on the primary.")
                .containsPattern("primary +m0 +mirror +standby");
        awaitJob("m0", JobStatus.STANDBY);

        Run again = run(pair("job", "pause", "m0", "--side", "primary"));
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err().strip()).isEqualTo("Refused: Job 'm0' on the primary is standby, and QEMU does not "
                + "accept pause then; it accepts resume, cancel, complete.");

        Run resume = run(pair("job", "resume", "m0", "--side", "primary"));
        assertThat(resume.exit()).as(resume.err()).isZero();
        awaitJob("m0", JobStatus.READY);

        Run complete = run(pair("job", "complete", "m0", "--side", "primary"));
        assertThat(complete.exit()).as(complete.err()).isZero();
        await().atMost(WAIT).until(() -> !primaryJobs().containsKey("m0"));
        assertThat(jobEvents).containsSubsequence("m0:ready", "m0:standby", "m0:ready", "m0:waiting", "m0:pending",
                "m0:concluded", "m0:null");

        Run gone = run(pair("job", "cancel", "m0", "--side", "primary"));
        assertThat(gone.exit()).isEqualTo(1);
        assertThat(gone.err().strip()).isEqualTo("Refused: The primary has no job 'm0'.");

        String journal = Files.readString(cliJournal.resolve("journal.jsonl"));
        assertThat(journal).contains("\"kind\":\"action_intent\"").contains("\"action\":\"job-pause\"")
                .contains("\"action\":\"job-complete\"").contains("\"result\":\"DONE\"")
                .contains("\"what\":\"action-refused\"");
    }

    @Test
    void aThrottledMirrorIsCancelledAndAStreamPausedResumedAndCancelled() throws Exception {
        attach("src", images.data("src.qcow2", 4));
        attach("dst", images.empty("dst.qcow2", 4));
        qmp("blockdev-mirror", Map.of("job-id", "m1", "device", "src", "target", "dst", "sync", "full",
                "speed", 65536));
        awaitJob("m1", JobStatus.RUNNING);
        Run cancel = run(pair("job", "cancel", "m1", "--side", "primary"));
        assertThat(cancel.exit()).as(cancel.err()).isZero();
        await().atMost(WAIT).until(() -> !primaryJobs().containsKey("m1"));
        assertThat(jobEvents).containsSubsequence("m1:running", "m1:aborting", "m1:concluded", "m1:null");

        Path base = images.data("base.qcow2", 4);
        Path top = images.overlay("top.qcow2", base);
        attach("top", top);
        qmp("block-stream", Map.of("job-id", "s0", "device", "top", "speed", 65536));
        assertThat(awaitJob("s0", JobStatus.RUNNING).type()).isEqualTo("stream");

        Run pause = run(pair("job", "pause", "s0", "--side", "primary"));
        assertThat(pause.exit()).as(pause.err()).isZero();
        awaitJob("s0", JobStatus.PAUSED);
        Run list = run(pair("jobs"));
        assertThat(list.out()).containsPattern("primary +s0 +stream +paused +\\d+/4194304 \\(\\d+%\\) +resume,cancel");
        Run resume = run(pair("job", "resume", "s0", "--side", "primary"));
        assertThat(resume.exit()).as(resume.err()).isZero();
        awaitJob("s0", JobStatus.RUNNING);
        Run stop = run(pair("job", "cancel", "s0", "--side", "primary"));
        assertThat(stop.exit()).as(stop.err()).isZero();
        await().atMost(WAIT).until(() -> !primaryJobs().containsKey("s0"));
    }

    @Test
    void aMirrorWhoseTargetFailsKeepsQemusErrorUntilDismissed() throws Exception {
        attach("src", images.data("src.qcow2", 4));
        Path bad = images.empty("bad.qcow2", 4);
        // every write to the target's file fails with EIO, as a disk that went away
        qmp("blockdev-add", Map.of("driver", "qcow2", "node-name", "bad", "file", Map.of(
                "driver", "blkdebug", "image", Map.of("driver", "file", "filename", bad.toString()),
                "inject-error", List.of(Map.of("event", "write_aio", "errno", 5)))));
        qmp("blockdev-mirror", Map.of("job-id", "bad0", "device", "src", "target", "bad", "sync", "full",
                "auto-dismiss", false));

        Job failed = awaitJob("bad0", JobStatus.CONCLUDED);
        await().atMost(WAIT).until(() -> primaryJobs().get("bad0").error().isPresent());
        assertThat(primaryJobs().get("bad0").error()).contains("Input/output error");
        assertThat(failed.allowedActions()).containsExactly(JobAction.DISMISS);

        Run list = run(pair("jobs"));
        assertThat(list.out()).containsPattern("primary +bad0 +mirror +concluded +.* dismiss +error: Input/output error");
        Run dismiss = run(pair("job", "dismiss", "bad0", "--side", "primary"));
        assertThat(dismiss.exit()).as(dismiss.err()).isZero();
        assertThat(dismiss.out()).contains("Job 'bad0' is gone from the primary.");
    }

    @Test
    void whenQemuRefusesTheSentenceNamesItsErrorClassAndTheJournalKeepsIt() throws Exception {
        // the console's view says a job is ready that QEMU does not have: the check passes, QEMU refuses
        watching.supervisor().submit(new Observation.JobStatusChanged(Side.PRIMARY,
                watching.supervisor().clock().instant(), "ghost", "ready"));
        await().atMost(WAIT).until(() -> primaryJobs().containsKey("ghost"));
        try (JobActionRunner runner = new JobActionRunner(watching.supervisor())) {
            JobActionOutcome outcome = runner.run(Side.PRIMARY, JobAction.COMPLETE, "ghost").get(20, TimeUnit.SECONDS);
            assertThat(outcome.result()).isEqualTo(JobActionOutcome.Result.QEMU_REFUSED);
            assertThat(outcome.errorClass()).contains("GenericError");
            assertThat(outcome.sentence()).isEqualTo(
                    "QEMU refused to complete job 'ghost' on the primary (GenericError): Job not found");
        }
        String journal = Files.readString(tmp.resolve("watch-journal").resolve("journal.jsonl"));
        assertThat(journal).contains("\"result\":\"QEMU_REFUSED\"").contains("\"error-class\":\"GenericError\"");
    }

    // --- helpers ---

    private Map<String, Job> primaryJobs() {
        return watching.supervisor().snapshot().state().primary().jobs();
    }

    private Job awaitJob(String id, JobStatus status) {
        await().atMost(WAIT).until(() -> {
            Job job = primaryJobs().get(id);
            return job != null && job.status().is(status) && !job.type().equals(Job.UNKNOWN_TYPE);
        });
        return primaryJobs().get(id);
    }

    private QmpValue qmp(String command, Map<String, ?> arguments) throws Exception {
        return harness.execute(command, arguments).get(20, TimeUnit.SECONDS);
    }

    private void attach(String node, Path image) throws Exception {
        qmp("blockdev-add", Map.of("driver", "qcow2", "node-name", node,
                "file", Map.of("driver", "file", "filename", image.toString())));
    }

    /** A qcow2 full of random data, so that a mirror or stream has bytes to copy (zeroes go at once). */
    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Cli.commandLine(start -> {
            throw new AssertionError("no window in a CLI test");
        }, () -> JournalAuditTrail.open(cliJournal));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private String[] pair(String... rest) {
        List<String> all = new ArrayList<>(List.of(rest));
        all.addAll(List.of("--primary", primary.unixEndpoint(1).text(), "--secondary", secondary.unixEndpoint(1).text()));
        return all.toArray(new String[0]);
    }
}
