package org.coloconsole.engine;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.coloconsole.colo.Claim;
import org.coloconsole.qmp.QmpClient;
import org.coloconsole.qmp.QmpCommandException;
import org.coloconsole.qmp.QmpValue;

/**
 * The claim's object in one QEMU: an {@code authz-simple} with the fixed id {@link Claim#OBJECT_ID}, whose
 * {@code identity} string names the holder. {@code object-add} of an id that exists fails as a whole, which makes
 * adding it a test-and-set; {@code qom-get} reads the holder back. Measured on QEMU 7.2.22 and 10.0.2
 * (docs/colo-behaviour.md, "The claim"). The object has no device state, so COLO's checkpoints do not carry it.
 */
public final class ClaimObject {
    static final String QOM_TYPE = "authz-simple";
    private static final String PATH = "/objects/" + Claim.OBJECT_ID;

    private ClaimObject() {
    }

    /** Tries to add the object naming {@code me}; completes exceptionally with QEMU's error when it exists. */
    public static CompletableFuture<QmpValue> add(QmpClient client, Claim me, Duration timeout) {
        return client.execute("object-add", Map.of("qom-type", QOM_TYPE, "id", Claim.OBJECT_ID,
                "identity", me.text()), timeout);
    }

    /** The holder's text as a string value, or a missing value when the side carries no claim. */
    public static CompletableFuture<QmpValue> read(QmpClient client, Duration timeout) {
        return client.execute("qom-get", Map.of("path", PATH, "property", "identity"), timeout)
                .handle((value, error) -> {
                    if (error == null) {
                        return value;
                    }
                    Throwable cause = error instanceof CompletionException && error.getCause() != null
                            ? error.getCause() : error;
                    if (cause instanceof QmpCommandException q && q.errorClass().equals("DeviceNotFound")) {
                        return QmpValue.missing();
                    }
                    throw new CompletionException(cause);
                });
    }

    /** The claim a read found, typed. */
    public static Optional<Claim> claimOf(QmpValue value) {
        return value.isString() ? Optional.of(Claim.parse(value.asText())) : Optional.empty();
    }

    public static CompletableFuture<QmpValue> delete(QmpClient client, Duration timeout) {
        return client.execute("object-del", Map.of("id", Claim.OBJECT_ID), timeout);
    }
}
