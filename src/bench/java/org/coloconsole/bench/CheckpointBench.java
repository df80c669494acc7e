package org.coloconsole.bench;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.coloconsole.app.lab.Accelerator;
import org.coloconsole.app.lab.CheckpointSample;
import org.coloconsole.app.lab.CheckpointWatch;
import org.coloconsole.app.lab.LabOptions;
import org.coloconsole.app.lab.LabPair;

/**
 * Checkpoints a minute and guest pauses of a real lab pair, on the accelerator this machine has (and under TCG, with
 * and without the lab's workaround): for each checkpoint interval, a fresh pair watched for a minute on the
 * primary's spare monitor, pauses timed from STOP to RESUME as the console receives them.
 *
 * <p>Usage: CheckpointBench [seconds to watch, default 60] [intervals in ms, default 500 2000]
 */
public final class CheckpointBench {
    private CheckpointBench() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        List<Long> intervals = args.length > 1
                ? java.util.Arrays.stream(args).skip(1).map(Long::parseLong).toList() : List.of(500L, 2000L);
        Accelerator accelerator = Accelerator.detect(java.nio.file.Path.of("/dev/kvm"));
        System.out.println("accelerator " + accelerator + ", load " + Machine.loadAverage());
        for (long interval : intervals) {
            run(accelerator, interval, seconds, true);
        }
        if (accelerator == Accelerator.TCG) {
            run(accelerator, 500, seconds, false);
        }
    }

    private static void run(Accelerator accelerator, long intervalMs, int seconds, boolean workaround) {
        LabOptions options = LabOptions.defaults().withCheckpointDelay(Duration.ofMillis(intervalMs))
                .withTcgWorkaround(workaround).withStartTimeout(Duration.ofSeconds(60));
        String label = accelerator + (workaround ? "" : " without the workaround") + ", every " + intervalMs + " ms";
        try (LabPair pair = LabPair.start(options.withRunDir(Files.createTempDirectory("checkpoint-bench")))) {
            CheckpointSample sample = CheckpointWatch.watch(pair.primaryHarnessEndpoint(),
                    Duration.ofSeconds(seconds));
            List<Duration> sorted = sample.pauses().stream().sorted().toList();
            String p90 = sorted.isEmpty() ? "-" : sorted.get((int) (sorted.size() * 0.9)).toMillis() + " ms";
            System.out.printf("%s: %s; p90 pause %s; expected %.0f/min%n", label, sample.sentence(), p90,
                    60_000.0 / intervalMs);
        } catch (Exception e) {
            System.out.println(label + ": " + e.getMessage());
        }
    }
}
