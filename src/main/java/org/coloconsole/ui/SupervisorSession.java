package org.coloconsole.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.coloconsole.app.GuiLauncher.PairEndpoints;
import org.coloconsole.app.TransportSecurity;
import org.coloconsole.colo.FailoverInterlock;
import org.coloconsole.colo.FailoverPlan;
import org.coloconsole.colo.FailoverRequest;
import org.coloconsole.colo.FailoverStep;
import org.coloconsole.colo.InterlockDecision;
import org.coloconsole.colo.PairState;
import org.coloconsole.colo.Side;
import org.coloconsole.engine.AuditTrailFactory;
import org.coloconsole.engine.HeartbeatSettings;
import org.coloconsole.engine.LogEntry;
import org.coloconsole.engine.PairConfig;
import org.coloconsole.ui.dashboard.FailoverPort;
import org.coloconsole.ui.dashboard.PairSnapshot;
import org.coloconsole.ui.dashboard.PairStateAdapter;
import org.coloconsole.ui.jobs.JobsFeed;
import org.coloconsole.ui.jobs.SupervisorJobs;

/**
 * The window's session over the app layer's {@code PairSession}: the supervisor's snapshots and log rows, and its
 * journaled failover runner. Everything here only translates; the supervisor, interlock and runner decide.
 */
public final class SupervisorSession implements PairSession, FailoverPort {
    private final org.coloconsole.app.PairSession session;
    private final PairStateAdapter adapter;
    private final SupervisorJobs jobs;

    private SupervisorSession(org.coloconsole.app.PairSession session, ZoneId zone) {
        this.session = session;
        this.adapter = new PairStateAdapter(zone);
        this.jobs = new SupervisorJobs(session.supervisor());
    }

    /** A connector that opens supervisor sessions journaled through {@code trails}. */
    public static PairConnector connector(AuditTrailFactory trails, Clock clock, ZoneId zone) {
        return (name, pair, heartbeat, security) -> open(pair, heartbeat, security, trails, clock, zone);
    }

    static SupervisorSession open(PairEndpoints pair, HeartbeatSettings heartbeat, TransportSecurity security,
                                  AuditTrailFactory trails, Clock clock, ZoneId zone) {
        try {
            PairConfig config = security.applyTo(PairConfig.of(pair.primary(), pair.secondary())
                    .withHeartbeat(heartbeat));
            return new SupervisorSession(org.coloconsole.app.PairSession.open(config, trails, clock), zone);
        } catch (IOException e) {
            throw new UncheckedIOException("The journal could not be opened: " + e.getMessage(), e);
        }
    }

    private PairSnapshot translate(org.coloconsole.engine.PairSnapshot s) {
        return adapter.snapshot(s.state(), s.recommendation(), s.at());
    }

    @Override
    public PairSnapshot current() {
        return translate(session.supervisor().snapshot());
    }

    @Override
    public void onChange(Consumer<PairSnapshot> listener) {
        session.supervisor().onSnapshot(s -> listener.accept(translate(s)));
    }

    @Override
    public void onLog(Consumer<LogEntry> listener) {
        session.supervisor().onLog(listener);
    }

    @Override
    public FailoverPort failover() {
        return this;
    }

    @Override
    public Optional<JobsFeed> jobs() {
        return Optional.of(jobs);
    }

    @Override
    public Optional<Path> journalFile() {
        String location = session.supervisor().auditLocation();
        return location == null || location.isBlank() ? Optional.empty() : Optional.of(Path.of(location));
    }

    @Override
    public void close() {
        jobs.close();
        session.close();
    }

    // --- FailoverPort ---

    private static FailoverRequest request(String target, boolean ack) {
        return new FailoverRequest("primary".equals(target) ? Side.PRIMARY : Side.SECONDARY, ack);
    }

    private PairState state() {
        return session.supervisor().snapshot().state();
    }

    @Override
    public List<PlannedStep> plan(String target, boolean ack) {
        FailoverRequest request = request(target, ack);
        InterlockDecision decision = FailoverInterlock.check(state(), request, session.supervisor().clock().instant());
        if (!decision.allowed()) {
            // what would be sent if it were allowed; starting it is refused with the interlock's sentence
            decision = new InterlockDecision(true, state().side(request.target().other()).answering(), "");
        }
        return FailoverPlan.plan(decision, request, FailoverPlan.Options.defaults()).stream()
                .map(step -> new PlannedStep(step.side().label(), step.command(), step.sentence())).toList();
    }

    @Override
    public Optional<String> refusal(String target, boolean ack) {
        InterlockDecision decision = FailoverInterlock.check(state(), request(target, ack),
                session.supervisor().clock().instant());
        return decision.allowed() ? Optional.empty() : Optional.of(decision.sentence());
    }

    @Override
    public CompletableFuture<Outcome> run(String target, boolean ack, Consumer<StepReport> progress) {
        return session.runner().run(request(target, ack), FailoverPlan.Options.defaults(), report -> {
            FailoverStep step = report.step();
            // the runner counts steps from 1; while a step runs its sentence is the step's own, not a result
            boolean running = report.status() == org.coloconsole.engine.StepReport.Status.RUNNING;
            progress.accept(new StepReport(report.index() - 1, step.sentence(), status(report.status()),
                    running || report.sentence().equals(step.sentence()) ? "" : report.sentence()));
        }).thenApply(outcome -> new Outcome(outcome.verified(), outcome.sentence()));
    }

    private static StepStatus status(org.coloconsole.engine.StepReport.Status status) {
        switch (status) {
            case RUNNING:
                return StepStatus.RUNNING;
            case DONE:
                return StepStatus.DONE;
            case SKIPPED:
                return StepStatus.SKIPPED;
            default:
                return StepStatus.FAILED;
        }
    }
}
