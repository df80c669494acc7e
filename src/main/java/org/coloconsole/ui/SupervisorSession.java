package org.coloconsole.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.coloconsole.app.GuiLauncher.PairEndpoints;
import org.coloconsole.app.PairSession;
import org.coloconsole.app.RestoreAddresses;
import org.coloconsole.colo.Alert;
import org.coloconsole.colo.AlertSettle;
import org.coloconsole.colo.AlertThrottle;
import org.coloconsole.colo.AutoFailoverDecision;
import org.coloconsole.colo.FailoverInterlock;
import org.coloconsole.colo.FailoverPlan;
import org.coloconsole.colo.FailoverRequest;
import org.coloconsole.colo.FailoverStep;
import org.coloconsole.colo.InterlockDecision;
import org.coloconsole.colo.Observation;
import org.coloconsole.colo.PairSnapshot;
import org.coloconsole.colo.PlanPreview;
import org.coloconsole.colo.ReprotectCheck;
import org.coloconsole.colo.ReprotectOptions;
import org.coloconsole.colo.Side;
import org.coloconsole.engine.AlertCommand;
import org.coloconsole.engine.AlertOutlet;
import org.coloconsole.engine.AuditTrailFactory;
import org.coloconsole.engine.AutoFailover;
import org.coloconsole.engine.AutoFailoverSetup;
import org.coloconsole.engine.DesktopNotifier;
import org.coloconsole.engine.HeartbeatSettings;
import org.coloconsole.engine.JournalHealth;
import org.coloconsole.engine.LogEntry;
import org.coloconsole.engine.MonotonicClock;
import org.coloconsole.engine.PairClaims;
import org.coloconsole.engine.PairConfig;
import org.coloconsole.engine.PairSupervisor;
import org.coloconsole.engine.ReprotectOutcome;
import org.coloconsole.engine.ReprotectReport;
import org.coloconsole.engine.Reprotection;
import org.coloconsole.engine.SettledAlerts;
import org.coloconsole.engine.StepReport;
import org.coloconsole.qmp.Subscription;
import org.coloconsole.ui.dashboard.AutoFailoverPort;
import org.coloconsole.ui.dashboard.FailoverPort;
import org.coloconsole.ui.jobs.JobsFeed;
import org.coloconsole.ui.jobs.SupervisorJobs;
import org.coloconsole.ui.restore.RestorePort;

/**
 * The window's session over the engine: the supervisor's snapshots and log rows, and its journaled failover runner.
 * Everything here only translates; the supervisor, interlock and runner decide.
 */
public final class SupervisorSession implements WindowSession, FailoverPort {
    private final PairSession session;
    private final SupervisorJobs jobs;
    private final SettledAlerts alerts;
    private final ExecutorService alerting;
    private final ScheduledExecutorService alertTimer;

    private final Optional<AutoFailover> autoFailover;
    /** This process's claims: restoring protection takes the pair's lock and claim as a failover does. */
    private final PairClaims claims;
    /** The addresses the last check of a restore judged. */
    private final AtomicReference<ReprotectOptions> checked = new AtomicReference<>();
    /** The running restore's end; done when none runs. */
    private final AtomicReference<CompletableFuture<Void>> restoreDone =
            new AtomicReference<>(CompletableFuture.completedFuture(null));
    /** Each QMP step of restoring protection, as the CLI's reprotect. */
    private static final Duration REPROTECT_STEP = Duration.ofSeconds(5);

    private SupervisorSession(PairSession session, String name, Optional<DesktopNotifier> desktop,
                              Optional<AlertCommand> command, Optional<AutoFailover> autoFailover,
                              PairClaims claims) {
        this.session = session;
        this.claims = claims;
        this.jobs = new SupervisorJobs(session.supervisor());
        this.autoFailover = autoFailover;
        this.alerting = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "alert-command");
            t.setDaemon(true);
            return t;
        });
        this.alertTimer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "alert-settle");
            t.setDaemon(true);
            return t;
        });
        PairSupervisor supervisor = session.supervisor();
        AlertOutlet outlet = new AlertOutlet(name, new AlertThrottle(AlertThrottle.DEFAULT_GAP),
                MonotonicClock.system(), desktop, command, supervisor.trail(), alerting,
                problem -> supervisor.note(null, "alert", problem, LogEntry.Severity.WARNING));
        this.alerts = new SettledAlerts(new AlertSettle(AlertSettle.DEFAULT), outlet, MonotonicClock.system(),
                () -> supervisor.snapshot().recommendation(), alertTimer);
    }

    @Override
    public Optional<AutoFailoverPort> autoFailover() {
        return autoFailover.map(policy -> new AutoFailoverPort() {
            @Override
            public AutoFailoverDecision decision() {
                return policy.decision();
            }

            @Override
            public Subscription onDecision(Consumer<AutoFailoverDecision> listener) {
                return policy.onDecision(listener);
            }

            @Override
            public void cancel() {
                policy.cancel();
            }

            @Override
            public void disarm(String why) {
                policy.disarm(why);
            }

            @Override
            public void rearm() {
                policy.rearm();
            }
        });
    }

    @Override
    public Optional<RestorePort> restore() {
        return Optional.of(new RestorePort() {
            @Override
            public List<String> check() throws InterruptedException {
                PairSupervisor supervisor = session.supervisor();
                ReprotectOptions options;
                try {
                    options = RestoreAddresses.onThisHost(supervisor.config().primary(),
                            supervisor.config().secondary(), checkpointDelay());
                } catch (IllegalArgumentException e) {
                    return List.of(e.getMessage());
                }
                checked.set(options); // the run uses the addresses the check judged, not new ones
                return ReprotectCheck.problems(reprotection().read(), options).stream()
                        .map(ReprotectCheck.Problem::sentence).toList();
            }

            @Override
            public ReprotectOutcome run(Consumer<ReprotectReport> progress) throws InterruptedException {
                ReprotectOptions options = checked.get();
                if (options == null) {
                    throw new IllegalStateException("restore protection is checked before it runs");
                }
                CompletableFuture<Void> done = new CompletableFuture<>();
                restoreDone.set(done);
                try {
                    return reprotection().run(options, progress);
                } finally {
                    done.complete(null);
                }
            }
        });
    }

    /** The survivor's own checkpoint interval, as the CLI's reprotect takes it. */
    private Duration checkpointDelay() {
        return session.supervisor().snapshot().state().primary().checkpointDelay().orElse(Duration.ofSeconds(20));
    }

    private Reprotection reprotection() {
        return new Reprotection(session.supervisor(), REPROTECT_STEP, Reprotection.Timeouts.of(Duration.ofMinutes(10),
                Duration.ofSeconds(30), checkpointDelay()), claims);
    }

    /**
     * A connector that opens supervisor sessions journaled through {@code trails}, without desktop notifications.
     *
     * @param claims this process's identity and lock directory for every pair it fails over
     */
    public static PairConnector connector(AuditTrailFactory trails, Clock clock, PairClaims claims) {
        return connector(trails, clock, Optional.empty(), claims);
    }

    /** A connector whose sessions also send their alerts to the desktop (and to a profile's alert command). */
    public static PairConnector connector(AuditTrailFactory trails, Clock clock, Optional<DesktopNotifier> desktop,
                                          PairClaims claims) {
        return (name, pair, heartbeat, options) -> open(name, pair, heartbeat, options, trails, clock, desktop,
                claims);
    }

    static SupervisorSession open(String name, PairEndpoints pair, HeartbeatSettings heartbeat,
                                  SessionOptions options, AuditTrailFactory trails, Clock clock,
                                  Optional<DesktopNotifier> desktop, PairClaims claims) {
        try {
            PairConfig config = options.security().applyTo(PairConfig.of(pair.primary(), pair.secondary())
                    .withHeartbeat(heartbeat)).withProbes(options.probes());
            // the profile's fence actions serve a failover by hand as well as the automatic one
            PairSession session = PairSession.open(config, trails, clock, claims, options.autoFailover().fences());
            // the cards show each side's topology and probe: kept current while the window watches
            session.watchService();
            try {
                AutoFailoverSetup auto = options.autoFailover();
                Optional<AutoFailover> policy = Optional.empty();
                if (auto.enabled()) {
                    policy = Optional.of(new AutoFailover(session.supervisor(), session.runner(), true, auto.grace(),
                            MonotonicClock.system()));
                    policy.get().start();
                }
                return new SupervisorSession(session, name, desktop, options.alertCommand(), policy, claims);
            } catch (RuntimeException e) {
                session.close(); // nothing half-open: its journal, sockets and watcher go with it
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The journal could not be opened: " + e.getMessage(), e);
        }
    }

    @Override
    public void alert(Alert alert) {
        alerts.raise(alert);
    }

    @Override
    public PairSnapshot current() {
        return session.supervisor().snapshot();
    }

    @Override
    public Subscription onChange(Consumer<PairSnapshot> listener) {
        return session.supervisor().onSnapshot(listener);
    }

    @Override
    public Subscription onLog(Consumer<LogEntry> listener) {
        return session.supervisor().onLog(listener);
    }

    @Override
    public FailoverPort failover() {
        return this;
    }

    @Override
    public Optional<JobsFeed> jobs() {
        return Optional.of(jobs);
    }

    /** A restore of protection counts as a runbook: the window neither closes nor switches pairs under it. */
    @Override
    public boolean failoverRunning() {
        return session.runner().running() || !restoreDone.get().isDone();
    }

    @Override
    public CompletableFuture<Void> failoverIdle() {
        return CompletableFuture.allOf(session.runner().idle(), restoreDone.get());
    }

    @Override
    public void stopFailoverSafely() {
        session.runner().stopSafely();
    }

    @Override
    public JournalHealth journalHealth() {
        return session.supervisor().trail().health();
    }

    @Override
    public Optional<Path> journalFile() {
        String location = session.supervisor().auditLocation();
        return location == null || location.isBlank() ? Optional.empty() : Optional.of(Path.of(location));
    }

    @Override
    public void close() {
        autoFailover.ifPresent(AutoFailover::close);
        alertTimer.shutdownNow();
        alerting.shutdownNow();
        jobs.close();
        session.close();
    }

    // --- FailoverPort ---

    @Override
    public PlanPreview preview(Side target) {
        return PlanPreview.of(session.supervisor().snapshot().state(), target, FailoverPlan.Options.defaults());
    }

    @Override
    public void clearAbandoned(Side target) {
        session.supervisor().submit(new Observation.AbandonedFailoverCleared(target,
                session.supervisor().clock().instant()));
        session.supervisor().note(target, "ACTION", "The operator cleared the abandoned failover to the "
                + target.label() + " after checking both sides.", LogEntry.Severity.WARNING);
    }

    @Override
    public Set<Side> fenceable() {
        return session.runner().fencing().fenceable();
    }

    @Override
    public Optional<String> refusal(Side target, boolean ack) {
        // where the runner fences the other side first, the fence's outcome decides when it ran
        InterlockDecision decision = FailoverInterlock.preview(session.supervisor().snapshot().state(),
                new FailoverRequest(target, ack), session.supervisor().clock().instant(),
                session.runner().fencing().fenceable());
        return decision.allowed() ? Optional.empty() : Optional.of(decision.sentence());
    }

    @Override
    public CompletableFuture<Outcome> run(Side target, boolean ack, Consumer<StepUpdate> progress) {
        return session.runner().run(new FailoverRequest(target, ack), FailoverPlan.Options.defaults(), report -> {
            FailoverStep step = report.step();
            // the runner counts steps from 1; while a step runs its sentence is the step's own, not a result
            boolean running = report.status() == StepReport.Status.RUNNING;
            progress.accept(new StepUpdate(report.index() - 1, step.sentence(), status(report.status()),
                    running || report.sentence().equals(step.sentence()) ? "" : report.sentence()));
        }).thenApply(outcome -> new Outcome(outcome.verified(), outcome.sentence()));
    }

    private static StepStatus status(StepReport.Status status) {
        return switch (status) {
            case RUNNING -> StepStatus.RUNNING;
            case DONE -> StepStatus.DONE;
            case SKIPPED -> StepStatus.SKIPPED;
            case FAILED -> StepStatus.FAILED;
        };
    }
}
