package org.coloconsole.testing;

import java.nio.file.Path;
import java.time.Duration;
import org.coloconsole.app.lab.Accelerator;

/**
 * Timings of real-pair tests, scaled to the accelerator this machine gives QEMU. Under TCG (with the lab's
 * workaround) a checkpoint pauses the guest about 90 ms against a few ms under KVM, and QEMU competes with the test
 * for two cores, so intervals and bounds that KVM meets easily are stretched there; the assertions stay the same.
 */
public final class LabTiming {
    public static final Accelerator ACCELERATOR = Accelerator.detect(Path.of("/dev/kvm"));
    private static final Duration SHORTEST_TCG_CHECKPOINT_DELAY = Duration.ofMillis(500);
    private static final int TCG_FACTOR = 3;

    private LabTiming() {
    }

    /** {@code onKvm}, or at least 500 ms under TCG: shorter, the guest would spend most of its time paused. */
    public static Duration checkpointDelay(Duration onKvm) {
        if (ACCELERATOR == Accelerator.KVM || onKvm.compareTo(SHORTEST_TCG_CHECKPOINT_DELAY) >= 0) {
            return onKvm;
        }
        return SHORTEST_TCG_CHECKPOINT_DELAY;
    }

    /** A wait bound: {@code onKvm}, three times that under TCG. */
    public static Duration bound(Duration onKvm) {
        return ACCELERATOR == Accelerator.KVM ? onKvm : onKvm.multipliedBy(TCG_FACTOR);
    }
}
