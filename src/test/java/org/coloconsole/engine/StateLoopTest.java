package org.coloconsole.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StateLoopTest {

    @Test
    void runsTasksInOrderAndTheHookOncePerBurst() throws Exception {
        List<String> seen = new ArrayList<>();
        AtomicInteger hooks = new AtomicInteger();
        CountDownLatch gate = new CountDownLatch(1);
        CountDownLatch holding = new CountDownLatch(1);
        try (StateLoop loop = new StateLoop("test-state", () -> {
            synchronized (seen) {
                seen.add("hook");
            }
            hooks.incrementAndGet();
        })) {
            loop.execute(() -> {
                holding.countDown();
                try {
                    gate.await(5, TimeUnit.SECONDS); // holds the thread while a burst queues up behind it
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 100; i++) {
                int n = i;
                loop.execute(() -> {
                    synchronized (seen) {
                        seen.add("t" + n);
                    }
                });
            }
            gate.countDown();
            await().atMost(Duration.ofSeconds(5)).until(() -> {
                synchronized (seen) {
                    return seen.size() == 100 + hooks.get() && hooks.get() >= 1 && seen.get(seen.size() - 1)
                            .equals("hook");
                }
            });
            synchronized (seen) {
                List<String> tasks = seen.stream().filter(s -> !s.equals("hook")).toList();
                for (int i = 0; i < 100; i++) {
                    assertThat(tasks.get(i)).isEqualTo("t" + i);
                }
            }
            // the first task ran alone; the hundred behind it were one burst (they fit in MAX_BURST)
            assertThat(hooks.get()).isEqualTo(2);
        }
    }

    @Test
    void aFailingTaskDoesNotEndTheThread() {
        AtomicInteger ran = new AtomicInteger();
        try (StateLoop loop = new StateLoop("test-state", () -> { })) {
            loop.execute(() -> {
                throw new IllegalStateException("a bug in one task");
            });
            loop.execute(ran::incrementAndGet);
            await().atMost(Duration.ofSeconds(5)).until(() -> ran.get() == 1);
        }
    }

    @Test
    void refusesTasksOnceClosed() {
        StateLoop loop = new StateLoop("test-state", () -> { });
        loop.close();
        assertThatThrownBy(() -> loop.execute(() -> { })).isInstanceOf(RejectedExecutionException.class);
    }
}
