package org.coloconsole.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class BatchingQueueTest {

    @Test
    void rowsAddedBeforeTheCrossingArriveAsOneBatchInOrder() {
        ManualExecutor fx = new ManualExecutor();
        List<List<Integer>> batches = new ArrayList<>();
        BatchingQueue<Integer> queue = new BatchingQueue<>(fx, 10_000, batches::add);

        for (int i = 0; i < 500; i++) {
            queue.add(i);
        }
        assertThat(fx.queued()).isEqualTo(1);
        fx.runAll();

        assertThat(batches).hasSize(1);
        assertThat(batches.get(0)).hasSize(500).startsWith(0, 1, 2).endsWith(499);
    }

    @Test
    void aBatchNeverExceedsItsLimitAndNothingIsLost() {
        ManualExecutor fx = new ManualExecutor();
        List<List<Integer>> batches = new ArrayList<>();
        BatchingQueue<Integer> queue = new BatchingQueue<>(fx, 100, batches::add);

        for (int i = 0; i < 250; i++) {
            queue.add(i);
        }
        fx.runAll();

        assertThat(batches).extracting(List::size).containsExactly(100, 100, 50);
        assertThat(batches.stream().flatMap(List::stream)).containsExactlyElementsOf(
                java.util.stream.IntStream.range(0, 250).boxed().toList());
    }

    @Test
    void concurrentProducersLoseNoRow() throws InterruptedException {
        ManualExecutor fx = new ManualExecutor();
        List<Integer> received = new CopyOnWriteArrayList<>();
        BatchingQueue<Integer> queue = new BatchingQueue<>(fx, 1000, received::addAll);
        Thread drainer = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                fx.runAll();
                Thread.onSpinWait();
            }
        });
        drainer.start();
        List<Thread> producers = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            int base = t * 100_000;
            Thread producer = new Thread(() -> {
                for (int i = 0; i < 20_000; i++) {
                    queue.add(base + i);
                }
            });
            producers.add(producer);
            producer.start();
        }
        for (Thread producer : producers) {
            producer.join();
        }
        drainer.interrupt();
        drainer.join();
        fx.runAll();

        assertThat(received).hasSize(60_000).doesNotHaveDuplicates();
    }

    @Test
    void aZeroBatchLimitIsRefused() {
        assertThatThrownBy(() -> new BatchingQueue<Integer>(new ManualExecutor(), 0, batch -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void crossingsArePacedWhileNoRowIsLost() throws Exception {
        java.util.List<Integer> received = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.List<Long> crossings = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.ExecutorService single = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            BatchingQueue<Integer> queue = new BatchingQueue<>(single, 1_000_000, java.time.Duration.ofMillis(50),
                    batch -> {
                        crossings.add(System.nanoTime());
                        received.addAll(batch);
                    });
            long end = System.nanoTime() + 400_000_000L;
            int n = 0;
            while (System.nanoTime() < end) {
                queue.add(n++);
                Thread.sleep(0, 200_000);
            }
            int sent = n;
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> received.size() == sent);
            assertThat(received).isSorted();
            for (int i = 1; i < crossings.size(); i++) {
                assertThat(crossings.get(i) - crossings.get(i - 1)).isGreaterThanOrEqualTo(45_000_000L);
            }
            assertThat(crossings.size()).isLessThan(15);
        } finally {
            single.shutdownNow();
        }
    }
}
