package org.coloconsole.ui;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;
import javafx.stage.Stage;
import org.coloconsole.app.GuiLauncher.PairEndpoints;
import org.coloconsole.app.profile.ProfileStore;
import org.coloconsole.engine.JournalAuditTrail;

/** The real window on a pair, watched by the journaled supervisor, with its journal and profiles in a test's folder. */
public final class JournaledWindows {
    private JournaledWindows() {
    }

    public static ConsoleWindow show(Stage stage, PairEndpoints pair, Path journal, Path profiles) {
        ConsoleContext context = new ConsoleContext(Optional.of(pair),
                SupervisorSession.connector(() -> JournalAuditTrail.open(journal), Clock.systemUTC(),
                        org.coloconsole.testing.TestClaims.thisProcess()),
                () -> { throw new IllegalStateException("the test brings its own pair"); },
                new ProfileStore(profiles), Clock.systemUTC(), ZoneOffset.UTC, false);
        return ConsoleApp.show(stage, context);
    }
}
