package org.coloconsole.qmp;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A TLS file that cannot be used; the message names the file and the fix. {@link TlsSettings#check()} throws it so a
 * form can show it beside the right field; when connecting it becomes a {@link QmpConnectException}.
 */
public final class TlsFileException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Which of the files of a {@link TlsSettings} is at fault. */
    public enum Role {
        /** The CA that signed QEMU's server certificate. */
        CA("TLS CA file"),
        /** The console's client certificate. */
        CERTIFICATE("TLS client certificate"),
        /** The client certificate's key; also blamed when key and certificate do not belong together. */
        KEY("TLS client key");

        private final String noun;

        Role(String noun) {
            this.noun = noun;
        }

        /** As the sentences name it: "TLS CA file". */
        String noun() {
            return noun;
        }
    }

    private final Role role;
    private final transient Path file;

    TlsFileException(Role role, Path file, String message, Throwable cause) {
        super(message, cause);
        this.role = Objects.requireNonNull(role, "role");
        this.file = file;
    }

    public Role role() {
        return role;
    }

    /** The file the sentence is about. */
    public Path file() {
        return file;
    }
}
