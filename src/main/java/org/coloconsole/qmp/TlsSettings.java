package org.coloconsole.qmp;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The files a {@code tls:} endpoint is checked with: the CA that signed QEMU's server certificate and, for a monitor
 * started with {@code verify-peer=on}, the console's own certificate and PKCS#8 key. All PEM. Host names are always
 * verified; there is deliberately no switch to turn that off.
 *
 * @param caFile          one or more {@code -----BEGIN CERTIFICATE-----} blocks trusted to sign the server
 * @param certificateFile the client certificate (chain), or null
 * @param keyFile         the client's {@code -----BEGIN PRIVATE KEY-----} (RSA or EC), or null
 */
public record TlsSettings(Path caFile, Path certificateFile, Path keyFile) {

    public TlsSettings {
        Objects.requireNonNull(caFile, "caFile");
        if ((certificateFile == null) != (keyFile == null)) {
            throw new IllegalArgumentException(certificateFile == null
                    ? "a TLS client key was given without its certificate: give both or neither"
                    : "a TLS client certificate was given without its key: give both or neither");
        }
    }

    /** Server authentication only. */
    public static TlsSettings trusting(Path caFile) {
        return new TlsSettings(caFile, null, null);
    }

    public TlsSettings withClientCertificate(Path certificate, Path key) {
        return new TlsSettings(caFile, certificate, key);
    }

    /**
     * Reads the files as connecting would, without connecting: the CA file holds certificates, the client certificate
     * one that can be read, its key is an unencrypted PKCS#8 key (RSA or EC) and belongs to it. Whether QEMU's
     * certificate is signed by the CA and issued for the host can only be known by connecting.
     *
     * @throws TlsFileException with a sentence naming the file and the fix; {@link TlsFileException#role()} says
     *                          which file
     */
    public void check() throws TlsFileException {
        TlsContexts.load(this);
    }

    public Optional<Path> certificate() {
        return Optional.ofNullable(certificateFile);
    }

    public Optional<Path> key() {
        return Optional.ofNullable(keyFile);
    }
}
