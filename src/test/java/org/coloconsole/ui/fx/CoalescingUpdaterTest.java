package org.coloconsole.ui.fx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.coloconsole.ui.ManualExecutor;
import org.junit.jupiter.api.Test;

class CoalescingUpdaterTest {

    @Test
    void manyOffersBeforeTheCrossingBecomeOneUpdateWithTheNewestValue() {
        ManualExecutor fx = new ManualExecutor();
        List<Integer> seen = new ArrayList<>();
        CoalescingUpdater<Integer> updater = new CoalescingUpdater<>(fx, seen::add);

        for (int i = 1; i <= 1000; i++) {
            updater.offer(i);
        }
        assertThat(fx.queued()).isEqualTo(1);
        fx.runAll();

        assertThat(seen).containsExactly(1000);
    }

    @Test
    void anOfferAfterTheCrossingSchedulesAnother() {
        ManualExecutor fx = new ManualExecutor();
        List<String> seen = new ArrayList<>();
        CoalescingUpdater<String> updater = new CoalescingUpdater<>(fx, seen::add);

        updater.offer("a");
        fx.runAll();
        updater.offer("b");
        updater.offer("c");
        fx.runAll();

        assertThat(seen).containsExactly("a", "c");
    }

    @Test
    void valuesFromManyThreadsEndWithTheLastOneDelivered() throws InterruptedException {
        ManualExecutor fx = new ManualExecutor();
        List<Integer> seen = new ArrayList<>();
        CoalescingUpdater<Integer> updater = new CoalescingUpdater<>(fx, seen::add);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 10_000; i++) {
                    updater.offer(i);
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        updater.offer(-1);
        fx.runAll();

        assertThat(seen).isNotEmpty().endsWith(-1);
    }
}
