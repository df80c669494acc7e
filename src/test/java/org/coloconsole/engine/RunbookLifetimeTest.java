package org.coloconsole.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import org.coloconsole.colo.FailoverRequest;
import org.coloconsole.colo.Side;
import org.junit.jupiter.api.Test;

/**
 * An automatic and a manual runbook on one runner: both are tracked until their outcomes, each with its own stop
 * request, so neither can be lost track of (closing waits for, and journals, each of them).
 */
class RunbookLifetimeTest {
    private final RunbookLifetime lifetime = new RunbookLifetime();
    private final FailoverRequest automatic = new FailoverRequest(Side.SECONDARY, false);
    private final FailoverRequest manual = new FailoverRequest(Side.PRIMARY, true);

    @Test
    void twoRunbooksAreBothTrackedUntilBothEnded() {
        RunbookLifetime.Runbook first = lifetime.begin(automatic);
        CompletableFuture<String> firstOutcome = lifetime.track(first, new CompletableFuture<>());
        RunbookLifetime.Runbook second = lifetime.begin(manual);
        CompletableFuture<String> secondOutcome = lifetime.track(second, new CompletableFuture<>());
        assertThat(lifetime.unfinished()).extracting(RunbookLifetime.Runbook::request)
                .containsExactly(automatic, manual);
        CompletableFuture<Void> idle = lifetime.idle();

        firstOutcome.complete("verified");
        // the one tracked last ending first, or the first ending first: either way the other is still seen
        assertThat(lifetime.running()).isTrue();
        assertThat(idle).isNotDone();
        assertThat(lifetime.unfinished()).extracting(RunbookLifetime.Runbook::request).containsExactly(manual);

        secondOutcome.completeExceptionally(new IllegalStateException("the runner's thread died"));
        assertThat(lifetime.running()).isFalse();
        assertThat(idle).isCompleted();
        assertThat(idle.isCompletedExceptionally()).isFalse();
    }

    @Test
    void theLastTrackedEndingFirstDoesNotHideTheOneStillRunning() {
        RunbookLifetime.Runbook first = lifetime.begin(automatic);
        CompletableFuture<String> firstOutcome = lifetime.track(first, new CompletableFuture<>());
        RunbookLifetime.Runbook second = lifetime.begin(manual);
        lifetime.track(second, new CompletableFuture<String>()).complete("refused");

        assertThat(lifetime.running()).isTrue();
        assertThat(lifetime.unfinished()).extracting(RunbookLifetime.Runbook::request).containsExactly(automatic);
        assertThat(lifetime.idle()).isNotDone();
        firstOutcome.complete("verified");
        assertThat(lifetime.idle()).isCompleted();
    }

    @Test
    void aStopRequestReachesEveryRunbookThatRunsOrWaitsButNotOneAskedForLater() {
        RunbookLifetime.Runbook running = lifetime.begin(automatic);
        lifetime.track(running, new CompletableFuture<String>());
        RunbookLifetime.Runbook waiting = lifetime.begin(manual);
        lifetime.track(waiting, new CompletableFuture<String>());

        lifetime.requestStop();
        RunbookLifetime.Runbook later = lifetime.begin(manual);

        assertThat(running.stopRequested()).isTrue();
        assertThat(waiting.stopRequested()).as("a new runbook no longer clears the running one's stop").isTrue();
        assertThat(later.stopRequested()).isFalse();
    }

    @Test
    void aRunbookItsThreadRefusedIsNotLeftTracked() {
        RunbookLifetime.Runbook refused = lifetime.begin(manual);
        lifetime.end(refused);
        assertThat(lifetime.running()).isFalse();
        assertThat(lifetime.idle()).isCompleted();
    }
}
