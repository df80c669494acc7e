package org.coloconsole.app.lab;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.coloconsole.qmp.Endpoint;
import org.coloconsole.qmp.QmpClient;
import org.coloconsole.qmp.QmpClientOptions;
import org.coloconsole.qmp.QmpException;
import org.coloconsole.qmp.QmpEvent;
import org.coloconsole.qmp.Subscription;

/**
 * Watches the primary's harness monitor for a while and counts its checkpoints. The harness monitor is the lab's
 * spare: a console holds the other one, and a QMP monitor serves one client at a time.
 */
public final class CheckpointWatch {
    private CheckpointWatch() {
    }

    /** How long {@code lab status} watches: two checkpoint intervals and a little, at most 10 s. */
    public static Duration windowFor(Duration checkpointDelay) {
        Duration window = checkpointDelay.multipliedBy(2).plusMillis(250);
        return window.compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10) : window;
    }

    /**
     * Counts the checkpoints {@code monitor}'s QEMU shows during {@code window}.
     *
     * @throws LabException with a sentence when the monitor does not answer (busy with another client, or hung)
     */
    public static CheckpointSample watch(Endpoint monitor, Duration window) {
        List<Mark> marks = new ArrayList<>();
        try (QmpClient client = new QmpClient(QmpClientOptions.defaults("lab-status"))) {
            try {
                client.connect(monitor);
            } catch (QmpException e) {
                throw new LabException("cannot count checkpoints: the monitor " + monitor.text()
                        + " does not answer (" + e.getMessage() + ")", e);
            }
            long start = System.nanoTime();
            try (Subscription ignored = client.subscribe(Set.of("STOP", "RESUME"), (QmpEvent event) -> {
                synchronized (marks) {
                    marks.add(new Mark(event.receivedNanos(), "STOP".equals(event.name())));
                }
            })) {
                TimeUnit.NANOSECONDS.sleep(window.toNanos());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LabException("interrupted while counting checkpoints", e);
            }
            Duration watched = Duration.ofNanos(System.nanoTime() - start);
            synchronized (marks) {
                return sample(marks, watched);
            }
        }
    }

    /** A STOP or a RESUME, at its monotonic receive time. */
    private record Mark(long nanos, boolean stop) {
    }

    private static CheckpointSample sample(List<Mark> marks, Duration watched) {
        List<Duration> pauses = new ArrayList<>();
        Long stoppedAt = null;
        for (Mark mark : marks) {
            if (mark.stop()) {
                stoppedAt = mark.nanos();
            } else if (stoppedAt != null) {
                pauses.add(Duration.ofNanos(mark.nanos() - stoppedAt));
                stoppedAt = null;
            }
        }
        return new CheckpointSample(pauses.size(), watched, pauses);
    }
}
