package org.coloconsole.qmp;

import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * Turns the JDK's TLS exceptions into sentences an operator can act on. The server's refusal of a client certificate
 * can surface during the handshake (TLS 1.2) or on the first read after it (TLS 1.3), so both places use this.
 */
final class TlsFailures {
    private TlsFailures() {
    }

    /** Whether {@code e} or a cause is a TLS failure this class can describe. */
    static boolean isTls(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLException) {
                return true;
            }
        }
        return false;
    }

    static QmpConnectException describe(Endpoint.Tls endpoint, TlsSettings settings, Exception e) {
        return new QmpConnectException(endpoint, QmpConnectException.Reason.REJECTED, sentence(endpoint, settings, e), e);
    }

    private static String sentence(Endpoint.Tls endpoint, TlsSettings settings, Exception e) {
        VerifyingTrustManager.UntrustedServerException untrusted =
                find(e, VerifyingTrustManager.UntrustedServerException.class);
        if (untrusted != null) {
            return "refused " + endpoint + ": the server's certificate is not signed by the CA in "
                    + settings.caFile() + ": " + SecurityRemedy.GIVE_CA.phrase() + ".";
        }
        VerifyingTrustManager.NameMismatchException mismatch =
                find(e, VerifyingTrustManager.NameMismatchException.class);
        if (mismatch != null) {
            return "refused " + endpoint + ": the server's certificate is not issued for host '" + endpoint.host()
                    + "' (" + mismatch.getMessage() + "); connect by a name or address listed in the certificate's"
                    + " subjectAltName, or reissue it with subjectAltName = IP:ADDRESS / DNS:NAME";
        }
        String alert = alerts(e);
        if (alert.contains("certificate_required") || alert.contains("bad_certificate")
                || (alert.contains("handshake_failure") && settings.certificateFile() == null)) {
            if (settings.certificateFile() == null) {
                return endpoint + " requires a client certificate (QEMU runs with verify-peer=on): "
                        + SecurityRemedy.GIVE_CLIENT_CERTIFICATE.phrase() + ".";
            }
            return endpoint + " rejected the client certificate in " + settings.certificateFile()
                    + ": it must be signed by the CA in QEMU's ca-cert.pem and not be expired";
        }
        if (alert.contains("unsupported or unrecognized ssl message")) {
            return endpoint + " answered, but not with TLS: if it is a plain monitor, connect with tcp:"
                    + hostPort(endpoint) + " instead";
        }
        return "the TLS handshake with " + endpoint + " failed: " + e.getMessage();
    }

    /** Every message along the cause chain: the alert name is in the innermost one or the outermost one. */
    private static String alerts(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            text.append(' ').append(t.getMessage());
        }
        return text.toString().toLowerCase(Locale.ROOT);
    }

    private static String hostPort(Endpoint.Tls endpoint) {
        return endpoint.text().substring("tls:".length());
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
