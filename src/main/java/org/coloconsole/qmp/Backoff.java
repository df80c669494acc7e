package org.coloconsole.qmp;

import java.time.Duration;

/** How long to wait before reconnect attempt {@code n} (1 = the first retry after a failure or a lost connection). */
@FunctionalInterface
public interface Backoff {
    Duration delay(int attempt);
}
