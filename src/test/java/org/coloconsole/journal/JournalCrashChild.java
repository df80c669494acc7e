package org.coloconsole.journal;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * Run in a child JVM by {@link JournalCrashTest}: journals an event storm from one thread while the main thread
 * appends durable actions and prints "CONFIRMED n" after each, until it is killed.
 */
public final class JournalCrashChild {
    private JournalCrashChild() {
    }

    public static void main(String[] args) throws Exception {
        Journal journal = new Journal(Path.of(args[0]), JournalOptions.defaults());
        System.out.println("OPENED torn=" + journal.openReport().hadTornLine());
        System.out.flush();
        Thread storm = new Thread(() -> {
            long n = 0;
            while (true) {
                journal.append(new JournalRecord(Instant.now(), JournalRecord.Kind.EVENT, "primary",
                        Map.of("n", n++, "event", "MIGRATION_PASS"), "{\"timestamp\": {\"seconds\": 1714567890, "
                        + "\"microseconds\": 1}, \"event\": \"MIGRATION_PASS\", \"data\": {\"pass\": " + n + "}}"));
            }
        }, "storm");
        storm.setDaemon(true);
        storm.start();
        for (long seq = 0; ; seq++) {
            journal.appendDurable(JournalRecord.of(Instant.now(), JournalRecord.Kind.ACTION_INTENT, null,
                    Map.of("seq", seq, "action", "promote-secondary")));
            System.out.println("CONFIRMED " + seq);
            System.out.flush();
            Thread.sleep(1);
        }
    }
}
