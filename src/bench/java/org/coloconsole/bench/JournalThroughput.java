package org.coloconsole.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.coloconsole.journal.Journal;
import org.coloconsole.journal.JournalOptions;
import org.coloconsole.journal.JournalRecord;

/**
 * Records per second through {@link Journal#append} into a real file, including the final drain on close.
 * Usage: {@code JournalThroughput [records per thread, default 2,000,000] [threads, default 1] [raw|small]
 * [offered records/s in total, default unpaced]}. "small" is a state-change-sized record; "raw" also embeds a QEMU
 * event line as {@code raw}. Paced runs show whether a rate is sustained: the drop count must stay 0.
 */
public final class JournalThroughput {
    private static final String RAW = "{\"timestamp\": {\"seconds\": 1795641119, \"microseconds\": 20311}, "
            + "\"event\": \"MIGRATION_PASS\", \"data\": {\"pass\": 3}}";

    private JournalThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int perThread = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        boolean withRaw = args.length > 2 && args[2].equals("raw");
        long offered = args.length > 3 ? Long.parseLong(args[3]) : 0;
        Path dir = Files.createTempDirectory("journal-bench");
        try {
            for (int run = 0; run < 3; run++) { // the first runs warm the JIT up
                measure(dir.resolve("run" + run), perThread, threads, withRaw, offered);
            }
        } finally {
            BenchFiles.deleteTree(dir);
        }
    }

    private static void measure(Path dir, int perThread, int threads, boolean withRaw, long offered)
            throws Exception {
        Journal journal = new Journal(dir, JournalOptions.defaults());
        Thread[] writers = new Thread[threads];
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            String side = t % 2 == 0 ? "primary" : "secondary";
            long nanosPerRecord = offered > 0 ? 1_000_000_000L * threads / offered : 0;
            writers[t] = new Thread(() -> {
                long begin = System.nanoTime();
                for (int i = 0; i < perThread; i++) {
                    if (nanosPerRecord > 0 && i % 1000 == 0) {
                        while (System.nanoTime() - begin < i * nanosPerRecord) {
                            Thread.onSpinWait();
                        }
                    }
                    journal.append(new JournalRecord(Instant.now(), JournalRecord.Kind.EVENT, side,
                            Map.of("event", "MIGRATION_PASS", "seq", i), withRaw ? RAW : null));
                }
            });
            writers[t].start();
        }
        for (Thread writer : writers) {
            writer.join();
        }
        journal.close();
        double seconds = (System.nanoTime() - start) / 1e9;
        long total = (long) perThread * threads;
        long bytes;
        try (Stream<Path> files = Files.list(dir)) {
            bytes = files.filter(f -> f.toString().endsWith(".jsonl")).mapToLong(f -> f.toFile().length()).sum();
        }
        long dropped = journal.dropped();
        System.out.printf("%,d records offered (%s, %d thread%s) in %.2f s: %,.0f offered/s, %,.0f written/s, "
                        + "%.1f MB/s, dropped %d%n", total, withRaw ? "with raw" : "small", threads,
                threads == 1 ? "" : "s", seconds, total / seconds, (total - dropped) / seconds, bytes / seconds / 1e6,
                dropped);
    }
}
