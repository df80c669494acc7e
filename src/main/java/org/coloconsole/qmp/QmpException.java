package org.coloconsole.qmp;

/**
 * Every failure the client reports is one of these. The message is a sentence an operator can read; the cause keeps
 * the detail.
 */
public abstract sealed class QmpException extends Exception
        permits QmpConnectException, QmpCommandException, QmpTimeoutException, QmpInterruptedException,
        QmpProtocolException, QmpStateException, QmpDisconnectedException {
    private static final long serialVersionUID = 1L;

    protected QmpException(String message, Throwable cause) {
        super(message, cause);
    }
}
