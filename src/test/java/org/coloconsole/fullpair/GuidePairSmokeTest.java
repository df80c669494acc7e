package org.coloconsole.fullpair;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.coloconsole.colo.Side;
import org.coloconsole.qmp.QmpValue;
import org.coloconsole.testing.GuidePair;
import org.junit.jupiter.api.Test;

class GuidePairSmokeTest {
    @Test
    void captureDiscovery() throws Exception {
        Path out = Path.of(System.getProperty("capture.dir", "/tmp/guide-capture"));
        Files.createDirectories(out);
        try (GuidePair pair = GuidePair.start(Duration.ofSeconds(2))) {
            for (Side side : Side.values()) {
                String s = side.label();
                write(out, s + "-qom-list", pair.query(side, "qom-list", Map.of("path", "/objects")));
                for (String name : new String[] {"comp0", "m0", "redire0", "redire1", "f1", "f2", "rew0"}) {
                    for (String prop : new String[] {"netdev", "indev", "outdev", "primary_in", "secondary_in", "iothread"}) {
                        try {
                            QmpValue v = pair.query(side, "qom-get", Map.of("path", "/objects/" + name, "property", prop));
                            System.out.println(s + " " + name + "." + prop + " = " + v.toJson());
                        } catch (RuntimeException e) {
                            // absent
                        }
                    }
                }
                write(out, s + "-named-nodes", pair.query(side, "query-named-block-nodes", Map.of()));
                write(out, s + "-graph", pair.query(side, "x-debug-query-block-graph", Map.of()));
                write(out, s + "-exports", pair.query(side, "query-block-exports", Map.of()));
                write(out, s + "-chardev", pair.query(side, "query-chardev", Map.of()));
            }
        }
    }

    private static void write(Path dir, String name, QmpValue value) throws Exception {
        Files.writeString(dir.resolve(name + ".json"), value.toPrettyJson());
    }
}
