package org.coloconsole.qmp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;

/**
 * Fuzz tests for what reads the peer's bytes: {@link LineReader} and {@link QmpCodec#decode}, checked by
 * {@link QmpReaderFuzzChecks}. In a plain {@code mvn test} Jazzer replays the committed corpus in
 * {@code QmpReaderFuzzTestInputs/<method>} as regression tests; with {@code JAZZER_FUZZ=1} each target fuzzes for its
 * {@code maxDuration} (longer runs: src/bench/FUZZING.md).
 */
class QmpReaderFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void lineReader(byte[] data) throws IOException {
        QmpReaderFuzzChecks.lineReader(data);
    }

    @FuzzTest(maxDuration = "30s")
    void decode(byte[] line) {
        QmpReaderFuzzChecks.decode(line);
    }
}
