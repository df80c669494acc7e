package org.coloconsole.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.coloconsole.colo.FenceAction;
import org.coloconsole.colo.FenceOutcome;
import org.coloconsole.colo.Side;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fence agents that succeed, fail, hang and chatter, as small scripts in the agents' conventions. */
class FenceRunnerTest {
    @TempDir
    Path tmp;

    private final MemoryAuditTrail trail = new MemoryAuditTrail();
    private final FenceRunner runner = new FenceRunner(trail, Clock.systemUTC(), MonotonicClock.system());

    private Path script(String name, String body) throws Exception {
        Path file = tmp.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    private static FenceSpec spec(Path script, Map<String, String> options, Duration timeout) {
        return new FenceSpec(List.of(script.toString()), options, timeout);
    }

    @Test
    void theOptionsArriveOnStandardInputAsKeyValueLinesEndingWithTheAction() throws Exception {
        Path seen = tmp.resolve("stdin");
        Path agent = script("fence_echo", "cat > '" + seen + "'; echo 'Success: Powered OFF'");
        Map<String, String> options = new LinkedHashMap<>();
        options.put("ip", "127.0.0.1");
        options.put("plug", "primary");
        FenceRunner.Run run = runner.run(Side.PRIMARY, spec(agent, options, Duration.ofSeconds(20)), FenceAction.OFF);

        assertThat(Files.readString(seen)).isEqualTo("ip=127.0.0.1\nplug=primary\naction=off\n");
        assertThat(run.outcome().result()).isEqualTo(FenceOutcome.Result.SUCCEEDED);
        assertThat(run.outcome().exitCode()).contains(0);
        assertThat(run.outcome().sentence()).contains("fence_echo off exited 0").contains("Success: Powered OFF");
    }

    @Test
    void anAgentThatExitsNonZeroFailsWithItsCodeAndWordsJournaled() throws Exception {
        Path agent = script("fence_fails", "cat >/dev/null; echo 'Failed: Unable to obtain correct plug status' >&2; "
                + "exit 1");
        FenceRunner.Run run = runner.run(Side.SECONDARY, spec(agent, Map.of("plug", "x"), Duration.ofSeconds(20)),
                FenceAction.OFF);

        assertThat(run.outcome().result()).isEqualTo(FenceOutcome.Result.FAILED);
        assertThat(run.outcome().exitCode()).contains(1);
        assertThat(run.outcome().sentence()).contains("exited 1").contains("Unable to obtain correct plug status");
        assertThat(trail.ofKind("fence-intent")).singleElement().matches(MemoryAuditTrail.Entry::durable);
        assertThat(trail.ofKind("fence-outcome")).singleElement().satisfies(e -> {
            assertThat(e.durable()).isTrue();
            assertThat(e.fields()).containsEntry("result", "FAILED").containsEntry("exit-code", 1);
        });
        assertThat(trail.entries.indexOf(trail.ofKind("fence-intent").get(0)))
                .isLessThan(trail.entries.indexOf(trail.ofKind("fence-outcome").get(0)));
    }

    @Test
    void anAgentThatHangsIsKilledWithItsWholeProcessGroupAtTheTimeout() throws Exception {
        Path childPid = tmp.resolve("child.pid");
        Path agent = script("fence_hangs", "cat >/dev/null; sleep 300 & echo $! > '" + childPid + "'; "
                + "echo 'Connecting...'; sleep 300");
        FenceRunner.Run run = runner.run(Side.PRIMARY, spec(agent, Map.of(), Duration.ofMillis(1500)),
                FenceAction.OFF);

        assertThat(run.outcome().result()).isEqualTo(FenceOutcome.Result.TIMED_OUT);
        assertThat(run.outcome().exitCode()).isEmpty();
        assertThat(run.outcome().sentence()).contains("did not finish within 1500 ms").contains("process group");
        assertThat(run.output()).contains("Connecting...");
        long child = Long.parseLong(Files.readString(childPid).strip());
        // the agent's own child (not a direct child of the console) went with it
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false)).isFalse());
        assertThat(trail.ofKind("fence-outcome")).singleElement()
                .satisfies(e -> assertThat(e.fields()).containsEntry("result", "TIMED_OUT"));
    }

    @Test
    void anAgentThatCannotStartFailsWithASentence() throws Exception {
        FenceRunner.Run run = runner.run(Side.PRIMARY, new FenceSpec(List.of(tmp.resolve("no-such-agent").toString()),
                Map.of(), Duration.ofSeconds(5)), FenceAction.OFF);
        assertThat(run.outcome().result()).isEqualTo(FenceOutcome.Result.FAILED);
        assertThat(run.outcome().provesDown(org.coloconsole.colo.SideState.initial(Side.PRIMARY, "x",
                java.time.Instant.EPOCH))).isFalse();
    }

    @Test
    void anAgentsOutputIsKeptOnlyUpToTheLimitAndTheCutIsSaid() throws Exception {
        Path agent = script("fence_chatty", "cat >/dev/null; head -c 100000 /dev/zero | tr '\\\\0' 'x'; echo");
        FenceRunner.Run run = runner.run(Side.PRIMARY, spec(agent, Map.of(), Duration.ofSeconds(20)), FenceAction.OFF);
        assertThat(run.outcome().result()).isEqualTo(FenceOutcome.Result.SUCCEEDED);
        assertThat(run.output()).hasSizeLessThan(FenceRunner.OUTPUT_LIMIT + 100).contains("more bytes not kept");
    }

    @Test
    void aPasswordOptionReachesTheAgentButNeverTheJournal() throws Exception {
        Path seen = tmp.resolve("stdin");
        Path agent = script("fence_pw", "cat > '" + seen + "'");
        runner.run(Side.PRIMARY, spec(agent, Map.of("password", "s3cret"), Duration.ofSeconds(20)), FenceAction.OFF);
        assertThat(Files.readString(seen)).contains("password=s3cret");
        assertThat(trail.entries.toString()).doesNotContain("s3cret");
    }
}
