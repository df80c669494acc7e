package org.coloconsole.app.cli;

import java.util.concurrent.Callable;
import org.coloconsole.colo.PairSnapshot;
import org.coloconsole.colo.Recommendation;
import org.coloconsole.engine.AuditTrailFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code colo-console status}: both sides and the recommendation, once. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Print both sides and the recommendation once.",
                "Exit 0 when protected, 1 when degraded or action is needed (a side cannot be reached is such a "
                        + "case), 2 when neither side can be reached."})
public final class StatusCommand implements Callable<Integer> {
    private final AuditTrailFactory trails;

    @Spec
    private CommandSpec spec;

    @Mixin
    private PairOptions pair;

    @Mixin
    private SnapshotOptions snapshotOptions;

    public StatusCommand(AuditTrailFactory trails) {
        this.trails = trails;
    }

    @Override
    public Integer call() throws Exception {
        return snapshotOptions.print(pair, trails, spec.commandLine().getOut(),
                snapshot -> SnapshotText.json(snapshot, pair.name()),
                SnapshotText::lines, StatusCommand::exitCode);
    }

    static int exitCode(PairSnapshot snapshot) {
        if (SnapshotOptions.unreachable(snapshot)) {
            return ExitCodes.UNREACHABLE;
        }
        return snapshot.recommendation().kind() == Recommendation.Kind.PROTECTED ? ExitCodes.OK
                : ExitCodes.QEMU_ERROR;
    }
}
