package org.coloconsole.colo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The switchover's one rule: it starts only from a known, protected pair whose checkpoints flow; it goes on only after
 * a phase that was done, so nothing follows a promotion that did not verify (never two serving sides); it ends
 * SWAPPED only after protection was restored.
 */
class SwitchoverPlanPropertyTest {

    @Provide
    Arbitrary<SwitchoverPlan.Start> starts() {
        Arbitrary<Tag<ColoMode>> modes = Arbitraries.of("primary", "secondary", "none", "bogus")
                .map(raw -> Tag.of(ColoMode.class, raw));
        return Combinators.combine(Arbitraries.of(true, false), Arbitraries.of(true, false), modes, modes,
                Arbitraries.of(Replication.Status.class), Arbitraries.of(FailoverProgress.Phase.class))
                .as(SwitchoverPlan.Start::new);
    }

    @Property(tries = 1000)
    void aSwapStartsOnlyFromAKnownProtectedPairWhoseCheckpointsFlow(@ForAll("starts") SwitchoverPlan.Start start) {
        boolean allowed = SwitchoverPlan.refusals(start).isEmpty();

        boolean protectedPair = start.primaryKnown() && start.secondaryKnown()
                && start.primaryMode().is(ColoMode.PRIMARY) && start.secondaryMode().is(ColoMode.SECONDARY)
                && start.replication() == Replication.Status.FLOWING
                && start.failover() != FailoverProgress.Phase.RUNNING
                && start.failover() != FailoverProgress.Phase.ABANDONED;
        assertThat(allowed).isEqualTo(protectedPair);
    }

    @Property(tries = 300)
    void aSideWhoseStateIsUnknownIsNamedInTheRefusal(@ForAll("starts") SwitchoverPlan.Start start) {
        List<String> refusals = SwitchoverPlan.refusals(start);

        if (!start.primaryKnown()) {
            assertThat(refusals).anyMatch(r -> r.startsWith("The primary's state is not known"));
        }
        if (!start.secondaryKnown()) {
            assertThat(refusals).anyMatch(r -> r.startsWith("The secondary's state is not known"));
        }
    }

    @Property(tries = 500)
    void aPhaseLeadsOnOnlyWhenItWasDoneAndOnlyForward(@ForAll SwitchoverPhase phase,
                                                     @ForAll SwitchoverPhase.Result result) {
        SwitchoverPlan.Decision decision = SwitchoverPlan.after(phase, result);

        if (decision instanceof SwitchoverPlan.GoOn goOn) {
            assertThat(result).isEqualTo(SwitchoverPhase.Result.DONE);
            assertThat(goOn.next().ordinal()).isEqualTo(phase.ordinal() + 1);
        } else {
            SwitchoverPlan.Finished finished = (SwitchoverPlan.Finished) decision;
            assertThat(finished.swapped()).isEqualTo(phase == SwitchoverPhase.REPROTECT
                    && result == SwitchoverPhase.Result.DONE);
            assertThat(finished.sentence()).isNotBlank();
        }
    }

    @Property(tries = 500)
    void anyRunOfPhasesEndsWithinThreeAndSaysWhereThePairIsLeft(
            @ForAll("results") List<SwitchoverPhase.Result> results) {
        List<SwitchoverPhase> ran = new ArrayList<>();
        SwitchoverPhase phase = SwitchoverPlan.first();
        SwitchoverPlan.Finished end = null;
        for (SwitchoverPhase.Result result : results) {
            ran.add(phase);
            SwitchoverPlan.Decision decision = SwitchoverPlan.after(phase, result);
            if (decision instanceof SwitchoverPlan.GoOn goOn) {
                phase = goOn.next();
            } else {
                end = (SwitchoverPlan.Finished) decision;
                break;
            }
        }
        assertThat(end).as("three results always end the run").isNotNull();
        assertThat(ran).isEqualTo(List.of(SwitchoverPhase.values()).subList(0, ran.size()));
        SwitchoverPhase.Result first = results.get(0);
        if (first != SwitchoverPhase.Result.DONE) {
            // the promotion did not verify: nothing else ran, so the old primary was never left beside a new one
            assertThat(ran).containsExactly(SwitchoverPhase.PROMOTE);
            assertThat(end.ending()).isIn(SwitchoverPlan.Ending.NOTHING_CHANGED, SwitchoverPlan.Ending.CHECK_NOW);
        } else if (end.ending() != SwitchoverPlan.Ending.SWAPPED) {
            assertThat(end.ending()).isIn(SwitchoverPlan.Ending.PROMOTED_UNPROTECTED, SwitchoverPlan.Ending.CHECK_NOW);
        }
    }

    @Provide
    Arbitrary<List<SwitchoverPhase.Result>> results() {
        return Arbitraries.of(SwitchoverPhase.Result.class).list().ofSize(3);
    }

    @Test
    void aSwapWhoseEveryPhaseIsDoneEndsSwapped() {
        SwitchoverPhase phase = SwitchoverPlan.first();
        SwitchoverPlan.Decision decision;
        while ((decision = SwitchoverPlan.after(phase, SwitchoverPhase.Result.DONE)) instanceof SwitchoverPlan.GoOn g) {
            phase = g.next();
        }
        assertThat(((SwitchoverPlan.Finished) decision).ending()).isEqualTo(SwitchoverPlan.Ending.SWAPPED);
    }

    @Test
    void aRefusedPromotionChangedNothingAndAFailedOneMustBeChecked() {
        assertThat(((SwitchoverPlan.Finished) SwitchoverPlan.after(SwitchoverPhase.PROMOTE,
                SwitchoverPhase.Result.REFUSED)).ending()).isEqualTo(SwitchoverPlan.Ending.NOTHING_CHANGED);
        assertThat(((SwitchoverPlan.Finished) SwitchoverPlan.after(SwitchoverPhase.PROMOTE,
                SwitchoverPhase.Result.FAILED)).ending()).isEqualTo(SwitchoverPlan.Ending.CHECK_NOW);
        assertThat(((SwitchoverPlan.Finished) SwitchoverPlan.after(SwitchoverPhase.REPROTECT,
                SwitchoverPhase.Result.UNDONE)).ending()).isEqualTo(SwitchoverPlan.Ending.PROMOTED_UNPROTECTED);
        assertThat(((SwitchoverPlan.Finished) SwitchoverPlan.after(SwitchoverPhase.NEW_SECONDARY,
                SwitchoverPhase.Result.FAILED)).ending()).isEqualTo(SwitchoverPlan.Ending.PROMOTED_UNPROTECTED);
    }

    @Property(tries = 300)
    void theNewSecondaryIsRefusedOnlyWhenItIsThePromotedSidesOwnMonitor(
            @ForAll("monitors") String survivor, @ForAll("monitors") String fresh) {
        assertThat(SwitchoverPlan.newSecondaryRefusal(survivor, fresh).isPresent()).isEqualTo(survivor.equals(fresh));
    }

    @Provide
    Arbitrary<String> monitors() {
        return Arbitraries.of("unix:/run/a.sock", "unix:/run/b.sock", "tcp:127.0.0.1:4444", "tcp:10.0.0.2:4444");
    }
}
