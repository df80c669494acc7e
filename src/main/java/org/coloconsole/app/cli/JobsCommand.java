package org.coloconsole.app.cli;

import java.util.concurrent.Callable;
import org.coloconsole.engine.AuditTrailFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code colo-console jobs}: both sides' background jobs and COLO's protection as one more row. */
@Command(name = "jobs", mixinStandardHelpOptions = true,
        description = {"List both sides' background jobs (query-jobs) and the COLO protection row.",
                "Each job shows the actions QEMU accepts in its status. Exit 0; 2 when neither side answers."})
public final class JobsCommand implements Callable<Integer> {
    private final AuditTrailFactory trails;

    @Spec
    private CommandSpec spec;

    @Mixin
    private PairOptions pair;

    @Mixin
    private SnapshotOptions snapshotOptions;

    public JobsCommand(AuditTrailFactory trails) {
        this.trails = trails;
    }

    @Override
    public Integer call() throws Exception {
        return snapshotOptions.print(pair, trails, spec.commandLine().getOut(), JobsText::json,
                JobsText::lines, snapshot -> SnapshotOptions.unreachable(snapshot) ? ExitCodes.UNREACHABLE
                        : ExitCodes.OK);
    }
}
