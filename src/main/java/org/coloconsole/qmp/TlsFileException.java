package org.coloconsole.qmp;

/** A TLS file that cannot be used; the message names the file and the fix. Becomes a {@link QmpConnectException}. */
final class TlsFileException extends Exception {
    private static final long serialVersionUID = 1L;

    TlsFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
