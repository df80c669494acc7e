package org.coloconsole.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.coloconsole.colo.Side;
import org.junit.jupiter.api.Test;

/** A durable write on a hung disk fails after its bound instead of holding the runbook for ever. */
class DurableWithinTest {

    @Test
    void aDurableWriteThatNeverConfirmsCountsAsFailed() {
        CountDownLatch disk = new CountDownLatch(1);
        MemoryAuditTrail memory = new MemoryAuditTrail() {
            @Override
            public void durable(AuditKind kind, Side side, Instant at, Map<String, Object> fields) {
                try {
                    disk.await(); // a force() that never returns
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        try (DurableWithin trail = new DurableWithin(memory, Duration.ofMillis(200))) {
            assertThatThrownBy(() -> trail.durable(AuditKind.ACTION_INTENT, Side.SECONDARY, Instant.now(), Map.of()))
                    .isInstanceOf(IOException.class).hasMessageContaining("counts as not recorded");
        } finally {
            disk.countDown();
        }
    }

    @Test
    void aDurableWriteThatConfirmsPassesThrough() throws IOException {
        MemoryAuditTrail memory = new MemoryAuditTrail();
        try (DurableWithin trail = new DurableWithin(memory, Duration.ofSeconds(5))) {
            trail.durable(AuditKind.ACTION_INTENT, Side.SECONDARY, Instant.now(), Map.of("action", "x"));
        }
        assertThat(memory.ofKind("action-intent")).singleElement().satisfies(e -> assertThat(e.durable()).isTrue());
    }
}
