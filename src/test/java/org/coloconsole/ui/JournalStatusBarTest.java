package org.coloconsole.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.coloconsole.engine.JournalHealth;
import org.coloconsole.ui.dashboard.ScriptedFailoverPort;
import org.coloconsole.ui.dashboard.Snapshots;
import org.coloconsole.ui.fx.Tone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A journal that cannot write is on the status bar in the failing tone, and back to OK once it writes again. */
@ExtendWith(ApplicationExtension.class)
class JournalStatusBarTest {
    @TempDir
    static Path dir;

    private FakeSession session;

    @Start
    void start(Stage stage) {
        session = new FakeSession(Snapshots.protectedPair(), new ScriptedFailoverPort());
        session.showOnLabSockets(stage, dir);
    }

    @Test
    void aFailingJournalShowsOnTheStatusBarAndClearsWhenItWritesAgain(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        Label journal = robot.lookup("#status-journal").queryAs(Label.class);
        assertThat(journal.getText()).isEqualTo("Journal: colo-console.jsonl");
        assertThat(journal.getPseudoClassStates()).contains(Tone.OK.pseudoClass());

        session.journalHealth = JournalHealth.failing("/tmp/journal", "No space left on device");
        session.push(Snapshots.protectedPair());
        await().atMost(Duration.ofSeconds(10)).until(() -> "Journal: cannot write".equals(journal.getText()));
        assertThat(journal.getPseudoClassStates()).contains(Tone.FAIL.pseudoClass())
                .doesNotContain(Tone.OK.pseudoClass());
        assertThat(journal.getTooltip().getText()).contains("No space left on device").contains("refused");

        session.journalHealth = JournalHealth.writing();
        session.push(Snapshots.protectedPair());
        await().atMost(Duration.ofSeconds(10)).until(() -> "Journal: colo-console.jsonl".equals(journal.getText()));
        assertThat(journal.getPseudoClassStates()).contains(Tone.OK.pseudoClass());
    }
}
