package org.coloconsole.qmp;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Checks the server's chain and then its host name as two steps, so that a refusal can say which one failed: the JDK
 * reports both as the same handshake exception. The chain is checked against the configured CA only.
 */
final class VerifyingTrustManager extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager delegate;

    VerifyingTrustManager(X509ExtendedTrustManager delegate) {
        this.delegate = delegate;
    }

    /** The server's chain does not lead to the configured CA. */
    static final class UntrustedServerException extends CertificateException {
        private static final long serialVersionUID = 1L;

        UntrustedServerException(CertificateException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** The chain is trusted but the certificate does not name the host connected to (or breaks a JDK constraint). */
    static final class NameMismatchException extends CertificateException {
        private static final long serialVersionUID = 1L;

        NameMismatchException(CertificateException cause) {
            super(cause.getMessage(), cause);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        checkChain(chain, authType);
        try {
            delegate.checkServerTrusted(chain, authType, socket);
        } catch (CertificateException e) {
            throw new NameMismatchException(e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkChain(chain, authType);
        try {
            delegate.checkServerTrusted(chain, authType, engine);
        } catch (CertificateException e) {
            throw new NameMismatchException(e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        // without a socket there is no host name to check: refuse rather than silently skip it
        throw new CertificateException("a server can only be verified together with the host name it was reached by");
    }

    private void checkChain(X509Certificate[] chain, String authType) throws UntrustedServerException {
        try {
            delegate.checkServerTrusted(chain, authType);
        } catch (CertificateException e) {
            throw new UntrustedServerException(e);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("the console is never a TLS server");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("the console is never a TLS server");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("the console is never a TLS server");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegate.getAcceptedIssuers();
    }
}
