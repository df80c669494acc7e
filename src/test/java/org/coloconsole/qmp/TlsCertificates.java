package org.coloconsole.qmp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Makes a test PKI with the openssl command line, the way an operator would, into a directory of the test's. */
final class TlsCertificates {
    private static final AtomicLong SERIAL = new AtomicLong(1000);

    private final Path dir;

    TlsCertificates(Path dir) {
        this.dir = dir;
    }

    /** A self-signed CA: {@code NAME-cert.pem} and {@code NAME-key.pem}. */
    Path ca(String name) throws IOException {
        Path cert = dir.resolve(name + "-cert.pem");
        openssl("req", "-x509", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", dir.resolve(name + "-key.pem").toString(), "-out", cert.toString(), "-days", "2",
                "-subj", "/CN=" + name, "-addext", "basicConstraints=critical,CA:TRUE",
                "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        return cert;
    }

    /** A server certificate for these subjectAltName entries (e.g. {@code IP:127.0.0.1}), signed by {@code ca}. */
    Path server(String name, String ca, String... altNames) throws IOException {
        return leaf(name, ca, "ec", "serverAuth", altNames);
    }

    /** A client certificate with an RSA key (the server side uses EC, so both key kinds are read). */
    Path client(String name, String ca) throws IOException {
        return leaf(name, ca, "rsa:2048", "clientAuth");
    }

    Path key(String name) {
        return dir.resolve(name + "-key.pem");
    }

    Path cert(String name) {
        return dir.resolve(name + "-cert.pem");
    }

    /** {@code name}'s key as an RSA-specific (PKCS#1) PEM, which the console does not read. */
    Path traditionalKey(String name) throws IOException {
        Path out = dir.resolve(name + "-key-traditional.pem");
        openssl("pkey", "-in", key(name).toString(), "-traditional", "-out", out.toString());
        return out;
    }

    /** {@code name}'s key as an encrypted PKCS#8 PEM, which the console does not read. */
    Path encryptedKey(String name) throws IOException {
        Path out = dir.resolve(name + "-key-encrypted.pem");
        openssl("pkcs8", "-topk8", "-in", key(name).toString(), "-passout", "pass:secret", "-out", out.toString());
        return out;
    }

    /** The directory QEMU's {@code tls-creds-x509} reads: ca-cert.pem, server-cert.pem, server-key.pem. */
    Path qemuServerDir(String ca, String server) throws IOException {
        Path qemu = Files.createDirectories(dir.resolve("qemu-" + server));
        Files.copy(cert(ca), qemu.resolve("ca-cert.pem"));
        Files.copy(cert(server), qemu.resolve("server-cert.pem"));
        Files.copy(key(server), qemu.resolve("server-key.pem"));
        return qemu;
    }

    private Path leaf(String name, String ca, String keySpec, String usage, String... altNames) throws IOException {
        Path csr = dir.resolve(name + ".csr");
        List<String> request = new ArrayList<>(List.of("req", "-new", "-newkey", keySpec));
        if (keySpec.equals("ec")) {
            request.addAll(List.of("-pkeyopt", "ec_paramgen_curve:prime256v1"));
        }
        request.addAll(List.of("-nodes", "-keyout", key(name).toString(), "-out", csr.toString(), "-subj", "/CN=" + name));
        openssl(request.toArray(new String[0]));
        Path extensions = dir.resolve(name + ".ext");
        StringBuilder ext = new StringBuilder("basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\n"
                + "extendedKeyUsage=" + usage + "\n");
        if (altNames.length > 0) {
            ext.append("subjectAltName=").append(String.join(",", altNames)).append('\n');
        }
        Files.writeString(extensions, ext.toString(), StandardCharsets.US_ASCII);
        openssl("x509", "-req", "-in", csr.toString(), "-CA", cert(ca).toString(), "-CAkey", key(ca).toString(),
                "-set_serial", Long.toString(SERIAL.incrementAndGet()), "-days", "2", "-extfile",
                extensions.toString(), "-out", cert(name).toString());
        return cert(name);
    }

    private void openssl(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        Path log = dir.resolve("openssl.log");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("openssl did not finish within 60 s: " + command);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command, e);
        }
        if (process.exitValue() != 0) {
            throw new IOException("openssl failed (" + process.exitValue() + "): " + command + "\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
    }
}
