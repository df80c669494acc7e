package org.coloconsole.testing;

import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs from the machine. On a developer's machine a missing piece skips the test with the reason; under
 * {@code CI=true} it fails with the reason, because {@code .ci/run} installs everything the tests need and a skip
 * there would hide a test that never ran.
 */
public final class Needs {
    private Needs() {
    }

    /** @param unavailableBecause empty when the test can run, else why not */
    public static void satisfied(Optional<String> unavailableBecause) {
        if (unavailableBecause.isEmpty()) {
            return;
        }
        String reason = unavailableBecause.get();
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail("CI installs what the tests need, but: " + reason);
        }
        Assumptions.abort(reason);
    }
}
