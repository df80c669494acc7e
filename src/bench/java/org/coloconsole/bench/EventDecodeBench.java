package org.coloconsole.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.coloconsole.qmp.QmpCodec;
import org.coloconsole.qmp.QmpLineDecoder;
import org.coloconsole.qmp.QmpProtocolException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link QmpCodec#decode} alone (a fresh decoder per line) and {@link QmpLineDecoder#decode} (one kept per connection), on event lines as QEMU 7.2 writes them during COLO (taken from the lab transcripts):
 * events per second, one line per operation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EventDecodeBench {
    /** The mix seen in the transcripts: checkpoints dominate (STOP/RESUME), migration and COLO_EXIT are rarer. */
    private static final String[] MIX = {
        "{\"timestamp\": {\"seconds\": 1795641117, \"microseconds\": 720579}, \"event\": \"STOP\"}",
        "{\"timestamp\": {\"seconds\": 1795641117, \"microseconds\": 822700}, \"event\": \"RESUME\"}",
        "{\"timestamp\": {\"seconds\": 1795641119, \"microseconds\": 20311}, \"event\": \"MIGRATION_PASS\", "
                + "\"data\": {\"pass\": 3}}",
        "{\"timestamp\": {\"seconds\": 1795641121, \"microseconds\": 99931}, \"event\": \"COLO_EXIT\", "
                + "\"data\": {\"mode\": \"primary\", \"reason\": \"error\"}}",
    };

    @Param({"STOP", "RESUME", "MIGRATION_PASS", "COLO_EXIT", "MIX"})
    public String line;

    private final QmpCodec codec = new QmpCodec();
    private final QmpLineDecoder connection = codec.lineDecoder();
    private final Instant receivedAt = Instant.now();
    private byte[][] lines;
    private int next;

    @Setup
    public void prepare() {
        String[] chosen;
        switch (line) {
            case "STOP" -> chosen = new String[] {MIX[0]};
            case "RESUME" -> chosen = new String[] {MIX[1]};
            case "MIGRATION_PASS" -> chosen = new String[] {MIX[2]};
            case "COLO_EXIT" -> chosen = new String[] {MIX[3]};
            default -> chosen = new String[] {MIX[0], MIX[1], MIX[0], MIX[1], MIX[2], MIX[3]};
        }
        lines = new byte[chosen.length][];
        for (int i = 0; i < chosen.length; i++) {
            lines[i] = chosen[i].getBytes(StandardCharsets.UTF_8);
        }
    }

    @Benchmark
    public Object decode() throws QmpProtocolException {
        byte[] bytes = lines[next];
        next = next + 1 == lines.length ? 0 : next + 1;
        return codec.decode(bytes, 0, bytes.length, receivedAt, 0L);
    }

    /** As a connection's reader decodes: one decoder, and its parser, kept from line to line. */
    @Benchmark
    public Object decodeOnConnection() throws QmpProtocolException {
        byte[] bytes = lines[next];
        next = next + 1 == lines.length ? 0 : next + 1;
        return connection.decode(bytes, 0, bytes.length, receivedAt, 0L);
    }
}
