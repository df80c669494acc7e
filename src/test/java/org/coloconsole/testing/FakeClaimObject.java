package org.coloconsole.testing;

import org.coloconsole.colo.Claim;
import org.coloconsole.qmp.QmpValue;

/**
 * The console's claim object as a QEMU keeps it, for scripted peers: {@code object-add} of its id fails while it
 * exists, {@code qom-get} reads the identity, {@code object-del} removes it (measured on QEMU 7.2 and 10.0.2:
 * docs/colo-behaviour.md, "The claim"). Answers are JSON bodies of a return, or null for an error.
 */
public final class FakeClaimObject {
    private String identity;
    private String lastErrorClass = "GenericError";

    public synchronized String answer(String command, QmpValue arguments) {
        switch (command) {
            case "object-add":
                if (identity != null || !arguments.string("id").orElse("").equals(Claim.OBJECT_ID)) {
                    lastErrorClass = "GenericError";
                    return null;
                }
                identity = arguments.string("identity").orElse("");
                return "{}";
            case "qom-get":
                if (identity == null) {
                    lastErrorClass = "DeviceNotFound";
                    return null;
                }
                return QmpValue.of(identity).toJson();
            case "object-del":
                if (identity == null) {
                    lastErrorClass = "GenericError";
                    return null;
                }
                identity = null;
                return "{}";
            default:
                lastErrorClass = "CommandNotFound";
                return null;
        }
    }

    public synchronized String lastErrorClass() {
        return lastErrorClass;
    }
}
