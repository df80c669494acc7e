package org.coloconsole.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalDurabilityTest {
    @TempDir
    Path dir;

    @Test
    void aDurableAppendReturnsOnlyAfterItAndEverythingBeforeItIsWrittenAndForced() throws Exception {
        AtomicLong bytesForced = new AtomicLong();
        AtomicLong bytesWritten = new AtomicLong();
        JournalOptions slowFlush = JournalOptions.defaults().withFlushInterval(Duration.ofMillis(50));
        try (Journal journal = new Journal(dir, slowFlush, Clock.systemUTC(), sink -> new BatchSink() {
            @Override
            public void write(LineBuffer batch) throws IOException {
                sink.write(batch);
                bytesWritten.addAndGet(batch.size());
            }

            @Override
            public void force() throws IOException {
                sink.force();
                bytesForced.set(bytesWritten.get());
            }

            @Override
            public void close() throws IOException {
                sink.close();
            }
        })) {
            for (int round = 0; round < 20; round++) {
                for (int i = 0; i < 10; i++) {
                    journal.append(JournalRecord.of(Instant.now(), JournalRecord.Kind.EVENT, "primary",
                            Map.of("k", round * 100 + i)));
                }
                journal.appendDurable(JournalRecord.of(Instant.now(), JournalRecord.Kind.ACTION_INTENT, null,
                        Map.of("round", round)));

                String onDisk = readWithAnotherChannel(dir.resolve("journal.jsonl"));
                assertThat(onDisk).endsWith("\"kind\":\"action_intent\",\"round\":" + round + "}\n");
                assertThat(onDisk).contains("\"k\":" + (round * 100 + 9) + "}\n");
                assertThat(bytesForced.get()).as("forced up to the durable line").isEqualTo(onDisk.length());
            }
        }
    }

    @Test
    void plainAppendsReachTheFileWithinTheFlushIntervalWithoutAnyForce() throws Exception {
        try (Journal journal = new Journal(dir, JournalOptions.defaults())) {
            journal.append(JournalRecord.note(Instant.now(), "soon"));
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> readWithAnotherChannel(dir.resolve("journal.jsonl")).contains("\"soon\""));
        }
    }

    @Test
    void whenTheDiskStallsEventsAreDroppedAfterABoundedWaitActionsAreNotAndANoteCountsTheDrops() throws Exception {
        CountDownLatch diskStalled = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        JournalOptions tiny = JournalOptions.defaults().withBuffers(1024, 4096).withEventWait(Duration.ofMillis(5));
        Journal journal = new Journal(dir, tiny, Clock.systemUTC(), sink -> new GatedSink(sink, diskStalled, release));
        try {
            journal.append(JournalRecord.note(Instant.now(), "first"));
            assertThat(diskStalled.await(5, TimeUnit.SECONDS)).isTrue();
            int accepted = 0;
            int attempts = 0;
            while (journal.dropped() == 0 && attempts < 10_000) {
                attempts++;
                if (journal.append(JournalRecord.of(Instant.now(), JournalRecord.Kind.EVENT, "primary",
                        Map.of("n", attempts)))) {
                    accepted++;
                }
            }
            assertThat(journal.dropped()).isEqualTo(1);
            assertThat(accepted).isPositive();
            // once dropping, events go at once (no wait each); actions are still taken past the memory bound
            assertThat(journal.append(JournalRecord.of(Instant.now(), JournalRecord.Kind.EVENT, null,
                    Map.of("n", -1)))).isFalse();
            assertThat(journal.append(JournalRecord.of(Instant.now(), JournalRecord.Kind.ACTION_STEP, null,
                    Map.of("step", "fence")))).isTrue();
            CompletableFuture<Void> durable = CompletableFuture.runAsync(() -> {
                try {
                    journal.appendDurable(JournalRecord.of(Instant.now(), JournalRecord.Kind.ACTION_OUTCOME, null,
                            Map.of("outcome", "verified")));
                } catch (JournalException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(durable).isNotDone();
            release.countDown();
            durable.get(10, TimeUnit.SECONDS);
            assertThat(journal.dropped()).isEqualTo(2);
        } finally {
            release.countDown();
            journal.close();
        }
        List<JournalRecord> read = JournalRoundTripTest.readAll(dir);
        List<String> kinds = new ArrayList<>();
        read.forEach(r -> kinds.add(r.kind().wireName()));
        int note = kinds.lastIndexOf("note");
        assertThat(read.get(note).fields()).containsEntry("dropped", 2)
                .extractingByKey("text").asString().contains("2 journal records were dropped");
        assertThat(kinds.subList(note, kinds.size())).containsExactly("note", "action_step", "action_outcome");
    }

    @Test
    void aFailedDiskMakesDurableAppendsRefuseWithASentence() throws Exception {
        try (Journal journal = new Journal(dir, JournalOptions.defaults(), Clock.systemUTC(),
                sink -> new BatchSink() {
                    @Override
                    public void write(LineBuffer batch) throws IOException {
                        throw new IOException("No space left on device");
                    }

                    @Override
                    public void force() {
                    }

                    @Override
                    public void close() throws IOException {
                        sink.close();
                    }
                })) {
            assertThatThrownBy(() -> journal.appendDurable(JournalRecord.note(Instant.now(), "intent")))
                    .isInstanceOf(JournalException.class)
                    .hasMessageContaining("cannot be written now (No space left on device)")
                    .hasMessageContaining("cannot be recorded");
            assertThat(journal.failure()).isPresent();
            assertThat(journal.append(JournalRecord.note(Instant.now(), "event"))).isFalse();
        }
    }

    @Test
    void aClosedJournalRefusesActionsAndCountsEvents() throws Exception {
        Journal journal = new Journal(dir, JournalOptions.defaults());
        journal.close();
        journal.close(); // idempotent
        assertThatThrownBy(() -> journal.appendDurable(JournalRecord.note(Instant.now(), "late")))
                .isInstanceOf(JournalException.class).hasMessageContaining("closed");
        assertThat(journal.append(JournalRecord.note(Instant.now(), "late"))).isFalse();
        assertThat(journal.dropped()).isEqualTo(1);
    }

    @Test
    void concurrentWritersProduceWholeLinesAndLoseNothing() throws Exception {
        int threads = 4;
        int perThread = 20_000;
        AtomicInteger durableCount = new AtomicInteger();
        try (Journal journal = new Journal(dir, JournalOptions.defaults().withBuffers(16 * 1024, 8 * 1024 * 1024)
                .withEventWait(Duration.ofSeconds(5)))) {
            List<CompletableFuture<Void>> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                writers.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < perThread; i++) {
                        if (i % 5000 == 4999) {
                            try {
                                journal.appendDurable(JournalRecord.of(Instant.now(),
                                        JournalRecord.Kind.ACTION_INTENT, null, Map.of("t", thread, "i", i)));
                                durableCount.incrementAndGet();
                            } catch (JournalException e) {
                                throw new IllegalStateException(e);
                            }
                        } else {
                            journal.append(JournalRecord.of(Instant.now(), JournalRecord.Kind.EVENT, "secondary",
                                    Map.of("t", thread, "i", i)));
                        }
                    }
                }, runnable -> new Thread(runnable, "writer-" + thread).start()));
            }
            CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            assertThat(journal.dropped()).isZero();
        }
        List<JournalRecord> read = JournalRoundTripTest.readAll(dir);
        assertThat(read).hasSize(threads * perThread);
        assertThat(durableCount.get()).isEqualTo(threads * 4);
        for (int t = 0; t < threads; t++) {
            int thread = t;
            assertThat(read.stream().filter(r -> r.fields().get("t").equals(thread)).map(r -> r.fields().get("i")))
                    .as("thread %d's records in its order", thread)
                    .containsExactlyElementsOf(java.util.stream.IntStream.range(0, perThread).boxed().toList());
        }
    }

    static String readWithAnotherChannel(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer all = ByteBuffer.allocate((int) channel.size());
            while (all.hasRemaining() && channel.read(all) >= 0) {
                // read until the buffer is full
            }
            return new String(all.array(), 0, all.position(), StandardCharsets.UTF_8);
        }
    }

    /** A disk that stalls on the first write until released. */
    private static final class GatedSink implements BatchSink {
        private final BatchSink sink;
        private final CountDownLatch stalled;
        private final CountDownLatch release;

        GatedSink(BatchSink sink, CountDownLatch stalled, CountDownLatch release) {
            this.sink = sink;
            this.stalled = stalled;
            this.release = release;
        }

        @Override
        public void write(LineBuffer batch) throws IOException {
            stalled.countDown();
            try {
                if (!release.await(30, TimeUnit.SECONDS)) {
                    throw new IOException("test gate never opened");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            sink.write(batch);
        }

        @Override
        public void force() throws IOException {
            sink.force();
        }

        @Override
        public void close() throws IOException {
            sink.close();
        }
    }
}
