package org.coloconsole.app.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.coloconsole.app.PairSession;
import org.coloconsole.colo.Job;
import org.coloconsole.colo.JobAction;
import org.coloconsole.colo.PairSnapshot;
import org.coloconsole.colo.Side;
import org.coloconsole.colo.SideState;
import org.coloconsole.engine.AuditTrailFactory;
import org.coloconsole.engine.JobActionOutcome;
import org.coloconsole.engine.JobActionRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code colo-console job ACTION ID --side S}: one job action, checked, journaled, and its effect shown. */
@Command(name = "job", mixinStandardHelpOptions = true,
        description = {"Send job-ACTION {id} to one side: pause, resume, cancel, complete, dismiss or finalize.",
                "Refused without sending when the job's status does not allow the action.",
                "Exit 0 when QEMU accepted it; 1 when refused (by the console or by QEMU); 2 when the side does not "
                        + "answer."})
public final class JobCommand implements Callable<Integer> {
    private final AuditTrailFactory trails;

    @Spec
    private CommandSpec spec;

    @Mixin
    private PairOptions pair;

    @Parameters(index = "0", paramLabel = "ACTION", description = "pause, resume, cancel, complete, dismiss, finalize")
    private String actionText;

    @Parameters(index = "1", paramLabel = "ID", description = "the job's id (see colo-console jobs)")
    private String id;

    @Option(names = "--side", required = true, paramLabel = "SIDE", converter = SideConverter.class,
            description = "primary or secondary: the QEMU that runs the job")
    private Side side;

    @Option(names = "--wait", defaultValue = "3s", converter = DurationConverter.class,
            description = "how long to wait for both sides to answer first (default ${DEFAULT-VALUE})")
    private Duration wait;

    public JobCommand(AuditTrailFactory trails) {
        this.trails = trails;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        JobAction action = JobAction.parse(actionText).orElseThrow(() -> new CommandLine.ParameterException(
                spec.commandLine(), "'" + actionText + "' is not a job action: write pause, resume, cancel, complete, "
                + "dismiss or finalize"));
        try (PairSession session = PairSession.open(pair.config(), trails, Clock.systemUTC());
             JobActionRunner runner = new JobActionRunner(session.supervisor())) {
            session.awaitKnown(wait);
            PairSnapshot before = session.supervisor().settled().get();
            if (!before.state().side(side).answering()) {
                err.println("The " + side.label() + " does not answer; nothing was sent.");
                return ExitCodes.UNREACHABLE;
            }
            JobActionOutcome outcome = runner.run(side, action, id).get(30, TimeUnit.SECONDS);
            if (!outcome.done()) {
                err.println((outcome.result() == JobActionOutcome.Result.REFUSED ? "Refused: " : "")
                        + outcome.sentence());
                return ExitCodes.QEMU_ERROR;
            }
            out.println(outcome.sentence());
            out.println(afterwards(session, before.state().side(side).jobs().get(id)));
            return ExitCodes.OK;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** The job as the events leave it, after a short bounded wait for its status to move. */
    private String afterwards(PairSession session, Job before) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        SideState now = session.supervisor().settled().get().state().side(side);
        while (System.nanoTime() < deadline && Objects.equals(before, now.jobs().get(id))) {
            TimeUnit.MILLISECONDS.sleep(20);
            now = session.supervisor().settled().get().state().side(side);
        }
        Job after = now.jobs().get(id);
        return after == null ? "Job '" + id + "' is gone from the " + side.label() + "."
                : JobsText.line(side, after);
    }
}
