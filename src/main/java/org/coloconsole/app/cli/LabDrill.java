package org.coloconsole.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.coloconsole.app.RestoreAddresses;
import org.coloconsole.app.lab.LabException;
import org.coloconsole.app.lab.LabOptions;
import org.coloconsole.app.lab.LabPair;
import org.coloconsole.app.lab.LabPairKind;
import org.coloconsole.app.lab.LabSide;
import org.coloconsole.colo.ProbeResult;
import org.coloconsole.colo.ReprotectOptions;
import org.coloconsole.colo.ServiceProbe;
import org.coloconsole.colo.ServiceProbes;
import org.coloconsole.colo.Side;
import org.coloconsole.engine.AuditTrail;
import org.coloconsole.engine.AuditTrailFactory;
import org.coloconsole.engine.HeartbeatSettings;
import org.coloconsole.engine.PairClaims;
import org.coloconsole.engine.PairConfig;
import org.coloconsole.engine.ProbeRunner;
import org.coloconsole.engine.Reprotection;
import org.coloconsole.engine.Switchover;
import org.coloconsole.engine.SwitchoverOutcome;

/**
 * {@code colo-console lab drill}: vSphere's "Test Failover" on a lab pair of its own — a full pair is started, its
 * roles are swapped ({@link Switchover}, the lab starting each new secondary itself) and swapped back, and each
 * phase's time and the service probe's longest gap are reported, then PASSED or FAILED with why. The pair is stopped
 * at the end.
 */
public final class LabDrill {
    /** TCG under load: a full pair's start took 20–60 s, the guest's first answer inside COLO up to 31 s. */
    private static final Duration START_WITHIN = Duration.ofMinutes(3);
    private static final Duration SERVICE_WITHIN = Duration.ofSeconds(45);
    private static final Duration FIRST_ANSWER_WITHIN = Duration.ofMinutes(3);

    private final AuditTrailFactory trails;
    private final PairClaims claims;
    private final PrintWriter out;
    private final boolean json;

    public LabDrill(AuditTrailFactory trails, PairClaims claims, PrintWriter out, boolean json) {
        this.trails = trails;
        this.claims = claims;
        this.out = out;
        this.json = json;
    }

    /** The drill's result: both swaps' outcomes and the verdict. */
    public record Result(boolean passed, String sentence, List<SwitchoverOutcome> swaps) {
    }

    Result run(Path runDir, String qemu, Duration checkpointDelay) throws InterruptedException, IOException {
        LabOptions options = LabOptions.defaults().withKind(LabPairKind.FULL).withRunDir(runDir).withQemuBinary(qemu)
                .withCheckpointDelay(checkpointDelay).withStartTimeout(START_WITHIN);
        say("Starting a full lab pair in " + runDir + " …");
        try (LabPair pair = LabPair.start(options); AuditTrail journal = SwapSupport.journal(trails)) {
            say("COLO is up after " + pair.startupTime().toMillis() + " ms; " + pair.acceleratorSentence()
                    + ". Journal: " + journal.location());
            Optional<String> noService = awaitFirstAnswer(probe(pair, LabSide.PRIMARY));
            if (noService.isPresent()) {
                return new Result(false, "FAILED: " + noService.get(), List.of());
            }
            return swapAndBack(pair, journal);
        } catch (LabException e) {
            return new Result(false, "FAILED: the lab pair did not start: " + e.getMessage(), List.of());
        }
    }

    private Result swapAndBack(LabPair pair, AuditTrail journal) throws InterruptedException, IOException {
        List<SwitchoverOutcome> swaps = new ArrayList<>();
        for (LabSide from : List.of(LabSide.PRIMARY, LabSide.SECONDARY)) {
            SwitchoverOutcome outcome = swap(pair, from, journal, swaps.size() + 1);
            swaps.add(outcome);
            if (!outcome.swapped()) {
                return new Result(false, "FAILED: swap " + swaps.size() + " ended " + outcome.ending() + ": "
                        + outcome.sentence(), swaps);
            }
        }
        return verdict(swaps);
    }

    /**
     * One swap of the lab pair whose primary runs in the {@code from} slot: its secondary is promoted, and the lab
     * starts the new secondary in the {@code from} slot.
     */
    public SwitchoverOutcome swap(LabPair pair, LabSide from, AuditTrail journal, int number)
            throws InterruptedException, IOException {
        LabSide to = from == LabSide.PRIMARY ? LabSide.SECONDARY : LabSide.PRIMARY;
        say("Swap " + number + ": the primary runs in the " + from.label() + " slot; its new secondary will run "
                + "there.");
        PairConfig config = PairConfig.of(pair.consoleEndpoint(from), pair.consoleEndpoint(to))
                .withHeartbeat(new HeartbeatSettings(Duration.ofMillis(500), 10, Duration.ofSeconds(10)))
                .withProbes(new ServiceProbes(probe(pair, from), probe(pair, to), false, SERVICE_WITHIN));
        ReprotectOptions reprotect = RestoreAddresses.choose(config.secondary(), config.primary(), null, null,
                ReprotectOptions.GUIDE_EXPORT, pair.checkpointDelay()).orElseThrow();
        Switchover switchover = new Switchover(journal, SwapSession.on(journal),
                claims, new Switchover.Settings(Duration.ofSeconds(5),
                Duration.ofSeconds(15), new Reprotection.Timeouts(Duration.ofMinutes(3), Duration.ofSeconds(90),
                pair.checkpointDelay().multipliedBy(3).plusSeconds(30)), Duration.ofSeconds(30)), Clock.systemUTC());
        SwitchoverOutcome outcome = switchover.run(SwapSession.open(config, journal), config.primary(),
                (endpoint, survivor, line) -> startIn(pair, from, line), reprotect, this::say);
        if (!json) {
            SwapSupport.summary(outcome).forEach(out::println);
            out.flush();
        }
        return outcome;
    }

    private static Optional<String> startIn(LabPair pair, LabSide slot, Consumer<String> say) {
        say.accept("the lab starts a new secondary (empty disks, -incoming defer) in the " + slot.label() + " slot");
        try {
            pair.startNewSecondary(slot);
            return Optional.empty();
        } catch (LabException e) {
            return Optional.of("the lab could not start the new secondary: " + e.getMessage());
        }
    }

    /** PASSED: both swaps protected, never two sides serving, and the guest's disk counter went forward. */
    public static Result verdict(List<SwitchoverOutcome> swaps) {
        int both = swaps.stream().mapToInt(s -> s.service().bothServed()).sum();
        long gap = swaps.stream().mapToLong(s -> s.service().longest().toMillis()).max().orElse(0);
        if (both > 0) {
            return new Result(false, "FAILED: two sides answered at once in " + both + " probe rounds.", swaps);
        }
        boolean advanced = swaps.stream().allMatch(s -> s.service().diskAdvanced());
        if (!advanced) {
            return new Result(false, "FAILED: the guest's disk counter did not advance through a swap.", swaps);
        }
        return new Result(true, "PASSED: roles swapped and swapped back, protected both times; the guest kept "
                + "serving (longest probe gap " + gap + " ms, disk counter "
                + swaps.get(0).service().firstDisk().getAsLong() + " → "
                + swaps.get(swaps.size() - 1).service().lastDisk().getAsLong() + ").", swaps);
    }

    private Optional<String> awaitFirstAnswer(Optional<ServiceProbe> probe) throws InterruptedException {
        if (probe.isEmpty()) {
            return Optional.of("the lab pair has no guest service to probe");
        }
        ProbeRunner runner = new ProbeRunner(Clock.systemUTC(), Duration.ofSeconds(2), false);
        long deadline = System.nanoTime() + FIRST_ANSWER_WITHIN.toNanos();
        ProbeResult last = null;
        while (System.nanoTime() < deadline) {
            last = runner.run(Side.PRIMARY, probe.get());
            if (last.passed()) {
                say("The guest serves (" + probe.get().text() + ").");
                return Optional.empty();
            }
            Thread.sleep(500);
        }
        return Optional.of("the guest did not answer at " + probe.get().text() + " within "
                + FIRST_ANSWER_WITHIN.toSeconds() + " s" + (last == null ? "" : " (" + last.sentence() + ")"));
    }

    private static Optional<ServiceProbe> probe(LabPair pair, LabSide slot) {
        return pair.state().side(slot).serviceUrl().flatMap(ServiceProbe::parse);
    }

    private void say(String line) {
        if (!json) {
            out.println(line);
            out.flush();
        }
    }

    static String toJson(Result result) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("result", result.passed() ? "PASSED" : "FAILED");
        map.put("sentence", result.sentence());
        map.put("swaps", result.swaps().stream().map(SwapSupport::json).toList());
        return SwapSupport.toJson(map);
    }
}
