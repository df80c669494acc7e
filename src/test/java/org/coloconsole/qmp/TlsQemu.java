package org.coloconsole.qmp;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.coloconsole.testing.TestedQemu;

/**
 * A QEMU ({@code -machine none}) whose QMP monitor listens on loopback TCP behind {@code tls-creds-x509}. A second,
 * plain UNIX monitor only tells when QEMU is up: probing the TLS port would need the very client under test.
 */
final class TlsQemu implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path log;

    private TlsQemu(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static TlsQemu start(Path credentials, boolean verifyPeer, Path runDir) throws IOException {
        return start(TestedQemu.SYSTEM, credentials, verifyPeer, runDir);
    }

    static TlsQemu start(TestedQemu binary, Path credentials, boolean verifyPeer, Path runDir) throws IOException {
        binary.assumeInstalled();
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Path ready = runDir.resolve("ready-" + port + ".sock");
        Path log = runDir.resolve("qemu-" + port + ".log");
        ProcessBuilder builder = new ProcessBuilder(binary.commandLine(List.of("-machine", "none", "-nodefaults",
                "-display", "none", "-no-user-config",
                "-object", "tls-creds-x509,id=tls0,dir=" + credentials + ",endpoint=server,verify-peer="
                        + (verifyPeer ? "on" : "off"),
                "-chardev", "socket,id=mon0,host=127.0.0.1,port=" + port + ",server=on,wait=off,tls-creds=tls0",
                "-mon", "chardev=mon0,mode=control",
                "-qmp", "unix:" + ready + ",server=on,wait=off")));
        builder.environment().putAll(binary.environment());
        Process process = builder
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        TlsQemu qemu = new TlsQemu(process, port, log);
        try {
            qemu.awaitReady(ready);
        } catch (IOException | RuntimeException e) {
            qemu.close();
            throw e;
        }
        return qemu;
    }

    Endpoint.Tls endpoint(String host) {
        return new Endpoint.Tls(host, port);
    }

    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private void awaitReady(Path ready) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("QEMU exited with " + process.exitValue() + ": " + log());
            }
            if (Files.exists(ready)) {
                try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                    channel.connect(UnixDomainSocketAddress.of(ready));
                    return;
                } catch (IOException notYet) {
                    // the socket file exists a moment before QEMU accepts on it
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for QEMU", e);
            }
        }
        throw new IOException("QEMU did not come up within 20 s: " + log());
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
