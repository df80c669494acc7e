package org.coloconsole.bench;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.coloconsole.app.lab.Accelerator;
import org.coloconsole.app.lab.CheckpointSample;
import org.coloconsole.app.lab.CheckpointWatch;
import org.coloconsole.app.lab.LabOptions;
import org.coloconsole.app.lab.LabPair;
import org.coloconsole.app.lab.LabPairKind;
import org.coloconsole.app.lab.LabSide;

/**
 * The full lab pair (disk, COLO proxy, Linux guest) on this machine's accelerator: per try, a fresh pair, the time
 * from the first QEMU's start to COLO up, then to the guest's first HTTP answer through the primary's port, then the
 * checkpoints of 30 s while the guest writes its counter (and an observer polls it every 200 ms, as the tests do).
 *
 * <p>Usage: FullLabBench [tries, default 3]
 */
public final class FullLabBench {
    private static final GuestAnswers GUEST = new GuestAnswers(Duration.ofSeconds(2), Duration.ofSeconds(3));

    private FullLabBench() {
    }

    public static void main(String[] args) throws Exception {
        int tries = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        System.out.println("accelerator " + Accelerator.detect(java.nio.file.Path.of("/dev/kvm")) + ", load "
                + Machine.loadAverage());
        List<Long> coloUp = new ArrayList<>();
        List<Long> serving = new ArrayList<>();
        for (int i = 0; i < tries; i++) {
            LabOptions options = LabOptions.defaults().withKind(LabPairKind.FULL)
                    .withStartTimeout(Duration.ofSeconds(90))
                    .withRunDir(Files.createTempDirectory("full-lab-bench").resolve("lab"));
            long start = System.nanoTime();
            try (LabPair pair = LabPair.start(options)) {
                coloUp.add(pair.startupTime().toMillis());
                String url = pair.state().side(LabSide.PRIMARY).serviceUrl().orElseThrow();
                while (!GUEST.at(url)) {
                    if (System.nanoTime() - start > Duration.ofSeconds(180).toNanos()) {
                        throw new IllegalStateException("the guest did not answer within 180 s");
                    }
                    Thread.sleep(200);
                }
                serving.add((System.nanoTime() - start) / 1_000_000);
                Thread poller = new Thread(() -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        GUEST.at(url);
                        try {
                            Thread.sleep(200);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }, "observer");
                poller.start();
                CheckpointSample sample = CheckpointWatch.watch(pair.primaryHarnessEndpoint(), Duration.ofSeconds(30));
                poller.interrupt();
                System.out.printf("try %d: COLO up %d ms, guest answering %d ms after start; %s%n", i + 1,
                        coloUp.get(i), serving.get(i), sample.sentence());
            }
        }
        System.out.println("COLO up, ms: " + coloUp + "; guest answering, ms from start: " + serving);
    }
}
