package org.coloconsole.qmp;

import java.time.Instant;
import java.util.Optional;

/**
 * One transition of a client's state.
 *
 * @param cause why the connection ended or failed; null for a transition the user asked for or a success
 */
public record QmpStateChange(QmpClientState from, QmpClientState to, QmpException cause, Instant at) {
    public Optional<QmpException> failure() {
        return Optional.ofNullable(cause);
    }
}
