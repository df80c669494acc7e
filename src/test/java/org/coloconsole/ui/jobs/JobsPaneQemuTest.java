package org.coloconsole.ui.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.coloconsole.app.GuiLauncher.PairEndpoints;
import org.coloconsole.qmp.QmpClient;
import org.coloconsole.qmp.QmpClientOptions;
import org.coloconsole.qmp.QmpValue;
import org.coloconsole.testing.JobImages;
import org.coloconsole.testing.QemuMonitorProcess;
import org.coloconsole.ui.ConsoleWindow;
import org.coloconsole.ui.JournaledWindows;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The jobs pane in the whole console, headless, on two real QEMU 7.2 ({@code -machine none}): the test's own
 * monitor starts a mirror between qcow2 images; the operator drives it with the pane's buttons.
 */
@ExtendWith(ApplicationExtension.class)
class JobsPaneQemuTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path tmp;

    private QemuMonitorProcess primary;
    private QemuMonitorProcess secondary;
    private QmpClient harness;
    private ConsoleWindow window;
    private JobImages images;

    @Start
    void start(Stage stage) throws Exception {
        // primary monitor 0: the console; 1: this test's harness
        primary = QemuMonitorProcess.start(2, 0);
        secondary = QemuMonitorProcess.start(1, 0);
        harness = new QmpClient(QmpClientOptions.defaults("harness"));
        harness.connect(primary.unixEndpoint(1));
        images = new JobImages(tmp);
        Path journal = Files.createDirectory(tmp.resolve("journal"));
        PairEndpoints pair = new PairEndpoints(primary.unixEndpoint(0), secondary.unixEndpoint(0));
        window = JournaledWindows.show(stage, pair, journal, tmp.resolve("profiles.json"));
    }

    @AfterEach
    void stop(FxRobot robot) {
        try {
            if (window != null) {
                robot.interact(() -> window.shutdown());
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
    void aMirrorReachesReadyAndIsPausedResumedAndCompletedFromThePanesButtons(FxRobot robot) throws Exception {
        showJobsTab(robot);
        assertThat(text(robot, "#job-pair-colo-status")).isEqualTo("not-protected");
        assertThat(text(robot, "#job-pair-colo-sentence"))
                .isEqualTo("Neither side is in COLO: the guest is not protected.");

        attach("src", images.data("src.qcow2", 4));
        attach("dst", images.empty("dst.qcow2", 4));
        qmp("blockdev-mirror", Map.of("job-id", "m0", "device", "src", "target", "dst", "sync", "full"));

        awaitStatus(robot, "m0", "ready");
        assertThat(text(robot, "#jobs-summary")).isEqualTo("Primary: 1 job · Secondary: no jobs");
        assertThat(robot.lookup("#job-primary-m0-progress").queryAs(ProgressBar.class).getProgress()).isEqualTo(1.0);
        assertThat(enabledActions(robot, "m0")).containsExactly("pause", "cancel", "complete");
        assertThat(jobsTab(robot).getText()).isEqualTo("Jobs (1)");

        robot.clickOn("#job-primary-m0-pause");
        awaitStatus(robot, "m0", "standby");
        await().atMost(WAIT).untilAsserted(() -> assertThat(text(robot, "#jobs-message"))
                .isEqualTo("QEMU accepted job-pause for job 'm0' on the primary."));
        assertThat(enabledActions(robot, "m0")).containsExactly("resume", "cancel", "complete");
        assertThat(jobStatus("m0")).isEqualTo("standby");

        robot.clickOn("#job-primary-m0-resume");
        awaitStatus(robot, "m0", "ready");
        assertThat(jobStatus("m0")).isEqualTo("ready");

        robot.clickOn("#job-primary-m0-complete");
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(rowKeys(robot)).containsExactly("pair/colo");
            assertThat(robot.lookup("#job-primary-m0-status").tryQuery()).isEmpty();
        });
        assertThat(text(robot, "#jobs-summary")).isEqualTo("Primary: no jobs · Secondary: no jobs");
        assertThat(jobsTab(robot).getText()).isEqualTo("Jobs");
        assertThat(qmp("query-jobs", Map.of()).elements()).as("QEMU dismissed it: status null").isEmpty();

        String journal = Files.readString(tmp.resolve("journal").resolve("journal.jsonl"));
        assertThat(journal).contains("\"action\":\"job-pause\"").contains("\"action\":\"job-resume\"")
                .contains("\"action\":\"job-complete\"").contains("\"result\":\"DONE\"");
    }

    @Test
    void aThrottledMirrorsProgressBarMovesWithoutJobEventsAndCancelRemovesIt(FxRobot robot) throws Exception {
        showJobsTab(robot);
        attach("src", images.data("src.qcow2", 4));
        attach("dst", images.empty("dst.qcow2", 4));
        // 256 KiB/s in 128 KiB requests: about 16 s for 4 MiB, with no job event between running and ready (with
        // the default 16 MiB buffer QEMU copies everything at once, then sits at 100% "running" while it throttles)
        qmp("blockdev-mirror", Map.of("job-id", "slow0", "device", "src", "target", "dst", "sync", "full",
                "speed", 256 * 1024, "buf-size", 128 * 1024));

        awaitStatus(robot, "slow0", "running");
        // a table re-renders its cells on every update: between two renders the bar may not be in the scene
        double first = await().atMost(WAIT).until(() -> progress(robot, "slow0"), Optional::isPresent).orElseThrow();
        await().atMost(WAIT).untilAsserted(() -> assertThat(progress(robot, "slow0"))
                .hasValueSatisfying(p -> assertThat(p).isGreaterThan(first).isLessThan(1.0)));
        assertThat(robot.lookup("#job-primary-slow0-status").queryAs(Label.class).getText()).isEqualTo("running");

        robot.clickOn("#job-primary-slow0-cancel");
        await().atMost(WAIT).untilAsserted(() -> assertThat(rowKeys(robot)).containsExactly("pair/colo"));
        assertThat(qmp("query-jobs", Map.of()).elements()).isEmpty();
    }

    @Test
    void aMirrorWhoseTargetFailsShowsQemusErrorAndOnlyDismiss(FxRobot robot) throws Exception {
        showJobsTab(robot);
        attach("src", images.data("src.qcow2", 4));
        Path bad = images.empty("bad.qcow2", 4);
        // every write to the target fails with EIO, as a disk that went away
        qmp("blockdev-add", Map.of("driver", "qcow2", "node-name", "bad", "file", Map.of(
                "driver", "blkdebug", "image", Map.of("driver", "file", "filename", bad.toString()),
                "inject-error", List.of(Map.of("event", "write_aio", "errno", 5)))));
        qmp("blockdev-mirror", Map.of("job-id", "bad0", "device", "src", "target", "bad", "sync", "full",
                "auto-dismiss", false));

        awaitStatus(robot, "bad0", "concluded");
        await().atMost(WAIT).untilAsserted(() -> assertThat(robot.lookup("#job-primary-bad0-detail").tryQuery()
                .map(cell -> ((javafx.scene.control.Labeled) cell).getText())).contains("Error: Input/output error"));
        assertThat(enabledActions(robot, "bad0")).containsExactly("dismiss");

        robot.clickOn("#job-primary-bad0-dismiss");
        await().atMost(WAIT).untilAsserted(() -> assertThat(rowKeys(robot)).containsExactly("pair/colo"));
    }

    // --- helpers ---

    private void showJobsTab(FxRobot robot) {
        await().atMost(WAIT).until(() -> robot.lookup("#lower-tabs").tryQuery().isPresent());
        TabPane tabs = robot.lookup("#lower-tabs").queryAs(TabPane.class);
        robot.interact(() -> tabs.getSelectionModel().select(jobsTab(robot)));
        WaitForAsyncUtils.waitForFxEvents();
        await().atMost(WAIT).until(() -> robot.lookup("#job-pair-colo-status").tryQuery().isPresent());
    }

    private static Tab jobsTab(FxRobot robot) {
        return robot.lookup("#lower-tabs").queryAs(TabPane.class).getTabs().stream()
                .filter(t -> "tab-jobs".equals(t.getId())).findFirst().orElseThrow();
    }

    private static Optional<Double> progress(FxRobot robot, String job) {
        return robot.lookup("#job-primary-" + job + "-progress").tryQueryAs(ProgressBar.class)
                .map(ProgressBar::getProgress);
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    private static void awaitStatus(FxRobot robot, String job, String status) {
        await().atMost(WAIT).untilAsserted(() -> {
            Optional<Node> badge = robot.lookup("#job-primary-" + job + "-status").tryQuery();
            assertThat(badge).isPresent();
            assertThat(((Label) badge.get()).getText()).isEqualTo(status);
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static List<String> enabledActions(FxRobot robot, String job) {
        return List.of("pause", "resume", "cancel", "complete", "dismiss", "finalize").stream()
                .filter(verb -> !robot.lookup("#job-primary-" + job + "-" + verb).queryAs(Button.class).isDisabled())
                .toList();
    }

    private static List<String> rowKeys(FxRobot robot) {
        @SuppressWarnings("unchecked")
        TableView<JobRow> table = robot.lookup("#jobs-table").queryAs(TableView.class);
        return table.getItems().stream().map(JobRow::key).toList();
    }

    private String jobStatus(String id) throws Exception {
        return qmp("query-jobs", Map.of()).elements().stream().filter(j -> j.string("id").orElse("").equals(id))
                .findFirst().flatMap(j -> j.string("status")).orElse("null");
    }

    private QmpValue qmp(String command, Map<String, ?> arguments) throws Exception {
        return harness.execute(command, arguments).get(20, TimeUnit.SECONDS);
    }

    private void attach(String node, Path image) throws Exception {
        qmp("blockdev-add", Map.of("driver", "qcow2", "node-name", node,
                "file", Map.of("driver", "file", "filename", image.toString())));
    }
}
