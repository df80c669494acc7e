package org.coloconsole.app.lab;

import org.coloconsole.qmp.Endpoint;
import org.coloconsole.qmp.QmpClient;
import org.coloconsole.qmp.QmpClientOptions;
import org.coloconsole.qmp.QmpConnectException;
import org.coloconsole.qmp.QmpException;

/**
 * Waits until a freshly started QEMU's monitor greets: it appears a few hundred ms after the process starts. The
 * probe connection is closed again at once, leaving the monitor free.
 */
final class MonitorWait {
    private static final long POLL_MILLIS = 25;

    private final QemuProcess process;
    private final long deadlineNanos;

    MonitorWait(QemuProcess process, long deadlineNanos) {
        this.process = process;
        this.deadlineNanos = deadlineNanos;
    }

    /** Greets and closes again, leaving the monitor free. */
    void await(Endpoint monitor) {
        try (QmpClient client = new QmpClient(QmpClientOptions.defaults("lab-" + process.side().label()))) {
            connect(client, monitor);
        }
    }

    /** Connects {@code client}, retrying until the monitor greets, QEMU exits, or the deadline passes. */
    void connect(QmpClient client, Endpoint monitor) {
        while (true) {
            if (!process.isAlive()) {
                throw process.exitedAtStart();
            }
            try {
                client.connect(monitor);
                return;
            } catch (QmpConnectException e) {
                if (System.nanoTime() > deadlineNanos) {
                    throw new LabException("the " + process.side().label() + " QEMU's monitor " + monitor
                            + " did not answer in time (" + e.getMessage() + "); " + process.describeFailure(), e);
                }
            } catch (QmpException e) {
                throw new LabException("the " + process.side().label() + " QEMU's monitor " + monitor
                        + " failed: " + e.getMessage() + "; " + process.describeFailure(), e);
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LabException("interrupted while waiting for the " + process.side().label()
                        + " QEMU's monitor", e);
            }
        }
    }
}
