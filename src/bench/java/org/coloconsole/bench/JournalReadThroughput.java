package org.coloconsole.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.coloconsole.journal.Journal;
import org.coloconsole.journal.JournalOptions;
import org.coloconsole.journal.JournalReader;
import org.coloconsole.journal.JournalRecord;

/**
 * Records per second read back by {@link JournalReader} (the console's history, the CLI): writes a journal of QEMU
 * events with raw lines once (rotating at 64 MiB as in production), then reads the whole directory a few times.
 * Usage: {@code JournalReadThroughput [records, default 1,000,000]}.
 */
public final class JournalReadThroughput {
    private static final String RAW = "{\"timestamp\": {\"seconds\": 1795641119, \"microseconds\": 20311}, "
            + "\"event\": \"MIGRATION_PASS\", \"data\": {\"pass\": 3}}";

    private JournalReadThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path dir = Files.createTempDirectory("journal-read-bench");
        try {
            // a long event wait: this measures reading, so nothing may be dropped while writing
            try (Journal journal = new Journal(dir, JournalOptions.defaults().withEventWait(Duration.ofSeconds(10)))) {
                Instant base = Instant.parse("2026-11-25T12:00:00Z");
                for (int i = 0; i < records; i++) {
                    journal.append(new JournalRecord(base.plusNanos(i * 1000L), JournalRecord.Kind.EVENT,
                            i % 2 == 0 ? "primary" : "secondary", Map.of("event", "MIGRATION_PASS", "seq", i), RAW));
                }
            }
            long bytes;
            try (Stream<Path> files = Files.list(dir)) {
                bytes = files.filter(f -> f.toString().endsWith(".jsonl")).mapToLong(f -> f.toFile().length()).sum();
            }
            for (int run = 0; run < 5; run++) { // the first runs warm the JIT up
                long start = System.nanoTime();
                long count;
                try (JournalReader reader = JournalReader.openDirectory(dir)) {
                    count = reader.stream().count();
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("%,d records (%.1f MB) read in %.2f s: %,.0f records/s, %.1f MB/s%n", count,
                        bytes / 1e6, seconds, count / seconds, bytes / seconds / 1e6);
            }
        } finally {
            BenchFiles.deleteTree(dir);
        }
    }
}
