package org.coloconsole.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;

/**
 * The supervisor's one state thread: runs tasks in the order they were handed in and, after each burst of queued
 * tasks, runs {@code afterBurst} once. Under an event storm the pair's state changes many times per millisecond; the
 * derived work (the recommendation, the snapshot for the window) is wanted for the state the burst ends in, not for
 * every step on the way, so it is paid once per burst instead of once per event.
 *
 * <p>A burst is at most {@link #MAX_BURST} tasks, so the snapshot still follows a storm that never pauses.
 */
final class StateLoop implements Executor, AutoCloseable {
    static final int MAX_BURST = 512;

    /** Wakes the thread after {@link #close()}; never run. */
    private static final Runnable STOP = () -> { };

    private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    private final Runnable afterBurst;
    private final Thread thread;
    private volatile boolean closed;

    StateLoop(String threadName, Runnable afterBurst) {
        this.afterBurst = afterBurst;
        this.thread = new Thread(this::loop, threadName);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Queues a task; never blocks. @throws RejectedExecutionException once closed */
    @Override
    public void execute(Runnable task) {
        if (closed) {
            throw new RejectedExecutionException("the state thread is closed");
        }
        queue.add(task);
    }

    @Override
    public void close() {
        closed = true;
        queue.add(STOP);
    }

    private void loop() {
        List<Runnable> burst = new ArrayList<>(MAX_BURST);
        try {
            while (true) {
                burst.add(queue.take());
                queue.drainTo(burst, MAX_BURST - 1);
                for (Runnable task : burst) {
                    if (closed) {
                        return; // like shutdownNow: what is still queued is no longer watched by anyone
                    }
                    run(task);
                }
                burst.clear();
                run(afterBurst);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A failing task must not end the thread that every later observation depends on. */
    private static void run(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException | Error e) {
            if (e instanceof VirtualMachineError) {
                throw (VirtualMachineError) e;
            }
            System.getLogger(StateLoop.class.getName()).log(System.Logger.Level.ERROR,
                    "a task on the state thread failed; the thread goes on", e);
        }
    }
}
