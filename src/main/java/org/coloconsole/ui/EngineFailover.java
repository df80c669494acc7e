package org.coloconsole.ui;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.coloconsole.app.LogEntry;
import org.coloconsole.app.SideLink;
import org.coloconsole.colo.FailoverInterlock;
import org.coloconsole.colo.FailoverPlan;
import org.coloconsole.colo.FailoverRequest;
import org.coloconsole.colo.FailoverStep;
import org.coloconsole.colo.InterlockDecision;
import org.coloconsole.colo.Observation;
import org.coloconsole.colo.PollDecoder;
import org.coloconsole.colo.Side;
import org.coloconsole.qmp.QmpValue;
import org.coloconsole.ui.dashboard.FailoverPort;

/**
 * Runs the domain's failover plan over the side links, step by step, reporting each. Stop-gap like
 * {@link EngineSession}: the app layer's {@code FailoverRunner} (journaled) is to replace it.
 */
final class EngineFailover implements FailoverPort {
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration VERIFY_TIMEOUT = Duration.ofSeconds(10);

    private final EngineSession session;
    private final Map<Side, SideLink> links;
    private final Clock clock;

    EngineFailover(EngineSession session, Map<Side, SideLink> links, Clock clock) {
        this.session = session;
        this.links = links;
        this.clock = clock;
    }

    private static Side side(String label) {
        return "primary".equals(label) ? Side.PRIMARY : Side.SECONDARY;
    }

    private List<FailoverStep> steps(FailoverRequest request) {
        InterlockDecision decision = FailoverInterlock.check(session.state(), request);
        if (!decision.allowed()) {
            // show what would be sent if it were allowed; the run itself is refused
            decision = new InterlockDecision(true, session.state().side(request.target().other()).answering(), "");
        }
        return FailoverPlan.plan(decision, request, FailoverPlan.Options.defaults());
    }

    @Override
    public List<PlannedStep> plan(String target, boolean ack) {
        return steps(new FailoverRequest(side(target), ack)).stream()
                .map(s -> new PlannedStep(s.side().label(), s.command(), s.sentence())).toList();
    }

    @Override
    public Optional<String> refusal(String target, boolean ack) {
        InterlockDecision decision = FailoverInterlock.check(session.state(), new FailoverRequest(side(target), ack));
        return decision.allowed() ? Optional.empty() : Optional.of(decision.sentence());
    }

    @Override
    public CompletableFuture<Outcome> run(String target, boolean ack, Consumer<StepReport> progress) {
        FailoverRequest request = new FailoverRequest(side(target), ack);
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        Thread runner = new Thread(() -> {
            try {
                outcome.complete(runSteps(request, progress));
            } catch (RuntimeException e) {
                outcome.completeExceptionally(e);
            }
        }, "failover-runner");
        runner.setDaemon(true);
        runner.start();
        return outcome;
    }

    private Outcome runSteps(FailoverRequest request, Consumer<StepReport> progress) {
        InterlockDecision decision = FailoverInterlock.check(session.state(), request);
        if (!decision.allowed()) {
            return new Outcome(false, decision.sentence());
        }
        Side target = request.target();
        List<FailoverStep> steps = FailoverPlan.plan(decision, request, FailoverPlan.Options.defaults());
        session.observe(new Observation.FailoverStarted(target, clock.instant()));
        session.log(session.feed().note(null, "ACTION", "Operator started: " + request.action(),
                LogEntry.Severity.WARNING, clock.instant()));
        for (int i = 0; i < steps.size(); i++) {
            FailoverStep step = steps.get(i);
            progress.accept(new StepReport(i, step.sentence(), StepStatus.RUNNING, ""));
            try {
                if (step.kind() == FailoverStep.Kind.VERIFY) {
                    verify(target);
                    progress.accept(new StepReport(i, step.sentence(), StepStatus.DONE, "verified"));
                    continue;
                }
                QmpValue result = execute(step);
                progress.accept(new StepReport(i, step.sentence(), StepStatus.DONE, "returned " + result.toJson()));
                if (step.kind() == FailoverStep.Kind.FENCE_STOP || step.kind() == FailoverStep.Kind.FENCE_QUIT) {
                    session.observe(new Observation.Fenced(step.side(), clock.instant(), step.command()));
                }
            } catch (Exception e) {
                String why = sentence(e);
                if (step.kind() == FailoverStep.Kind.YANK) {
                    // a yank only helps a stuck link; its failure must not stop the failover
                    progress.accept(new StepReport(i, step.sentence(), StepStatus.SKIPPED, why));
                    continue;
                }
                progress.accept(new StepReport(i, step.sentence(), StepStatus.FAILED, why));
                String failed = "The failover to the " + target.label() + " failed at \"" + step.command() + "\": " + why;
                session.observe(new Observation.FailoverFailed(target, clock.instant(), failed));
                session.log(session.feed().note(null, "ACTION", failed, LogEntry.Severity.CRITICAL, clock.instant()));
                return new Outcome(false, failed);
            }
        }
        session.observe(new Observation.FailoverSucceeded(target, clock.instant()));
        String done = "The " + target.label() + " runs alone and left COLO on request"
                + (decision.fenceOtherSide() ? "; the " + target.other().label() + " is stopped." : ".");
        session.log(session.feed().note(null, "ACTION", done, LogEntry.Severity.WARNING, clock.instant()));
        return new Outcome(true, done);
    }

    private QmpValue execute(FailoverStep step) throws Exception {
        var client = links.get(step.side()).client();
        CompletableFuture<QmpValue> call = step.outOfBand() ? client.executeOob(step.command(), step.arguments())
                : client.execute(step.command(), step.arguments(), STEP_TIMEOUT);
        return call.get(STEP_TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS);
    }

    private void verify(Side target) throws Exception {
        Instant deadline = clock.instant().plus(VERIFY_TIMEOUT);
        var client = links.get(target).client();
        while (true) {
            for (String command : List.of("query-colo-status", "query-status")) {
                QmpValue result = client.execute(command, Map.of(), STEP_TIMEOUT)
                        .get(STEP_TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS);
                PollDecoder.decode(target, clock.instant(), command, result).ifPresent(session::observe);
            }
            if (FailoverPlan.verified(session.state(), target)) {
                return;
            }
            if (clock.instant().isAfter(deadline)) {
                throw new TimeoutException("the " + target.label() + " did not report a requested COLO exit with "
                        + "its guest running within " + VERIFY_TIMEOUT.toSeconds() + " s");
            }
            Thread.sleep(100);
        }
    }

    private static String sentence(Exception e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof TimeoutException && cause.getMessage() == null) {
            return "no answer within " + STEP_TIMEOUT.toSeconds() + " s";
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
