package org.coloconsole.qmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code tls:} endpoint strings, and TLS files that cannot be used: each refused before connecting, in a sentence. */
class TlsEndpointTest {
    @TempDir
    static Path dir;
    private static TlsCertificates pki;

    @BeforeAll
    static void makeCertificates() throws Exception {
        pki = new TlsCertificates(dir);
        pki.ca("ca");
        pki.client("console", "ca");
        pki.client("other", "ca");
    }

    @Test
    void readsTlsEndpoints() {
        assertThat(Endpoint.parse("tls:qemu-a.example:4444")).isEqualTo(new Endpoint.Tls("qemu-a.example", 4444));
        assertThat(Endpoint.parse("tls:[::1]:4444")).isEqualTo(new Endpoint.Tls("::1", 4444));
        assertThat(Endpoint.parse("tls:127.0.0.1:4444").text()).isEqualTo("tls:127.0.0.1:4444");
        assertThat(Endpoint.parse("tls:[::1]:4444").text()).isEqualTo("tls:[::1]:4444");
        assertThat(Endpoint.parse("tls:127.0.0.1:4444")).isNotEqualTo(Endpoint.parse("tcp:127.0.0.1:4444"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "tls:127.0.0.1|has no port: write tls:HOST:PORT",
        "tls::4444|has no host: write tls:HOST:PORT",
        "tls:::1:4444|IPv6 host in brackets, tls:[ADDRESS]:PORT",
        "tls:host:0|outside 1-65535",
        "tsl:host:1|write tcp:HOST:PORT, tls:HOST:PORT or unix:/path/to.sock",
    })
    void badTlsStringsSayWhatIsWrong(String text, String expected) {
        assertThatThrownBy(() -> Endpoint.parse(text)).isInstanceOf(EndpointFormatException.class)
                .hasMessageContaining(expected);
    }

    @Test
    void clientCertificateAndKeyComeTogether() {
        assertThatThrownBy(() -> new TlsSettings(Path.of("ca.pem"), Path.of("c.pem"), null))
                .hasMessageContaining("certificate was given without its key");
        assertThatThrownBy(() -> new TlsSettings(Path.of("ca.pem"), null, Path.of("k.pem")))
                .hasMessageContaining("key was given without its certificate");
    }

    private static String refusal(TlsSettings settings) {
        // port 1 on loopback: if the files were accepted, the refusal would be "nothing is listening" instead
        try (QmpClient client = new QmpClient(QmpClientOptions.defaults("pem").withTls(settings)
                .withConnectTimeout(Duration.ofSeconds(2)))) {
            client.connect(new Endpoint.Tls("127.0.0.1", 1));
        } catch (QmpConnectException e) {
            return e.getMessage();
        } catch (QmpException e) {
            throw new AssertionError("expected a connect refusal, got " + e, e);
        }
        throw new AssertionError("connected to port 1");
    }

    @Test
    void missingCaFileIsNamed() {
        assertThat(refusal(TlsSettings.trusting(dir.resolve("absent.pem"))))
                .isEqualTo("cannot connect to tls:127.0.0.1:1: the TLS CA file " + dir.resolve("absent.pem")
                        + " does not exist");
    }

    @Test
    void caFileWithoutCertificatesIsNamed() throws Exception {
        Path garbage = Files.writeString(dir.resolve("garbage.pem"), "not a certificate\n");
        assertThat(refusal(TlsSettings.trusting(garbage))).contains("the TLS CA file " + garbage
                + " holds no PEM certificate (a block starting -----BEGIN CERTIFICATE-----)");
    }

    @Test
    void pkcs1KeyIsRefusedWithTheConversionCommand() throws Exception {
        Path rsa = Files.writeString(dir.resolve("rsa.pem"),
                "-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu\n"
                        + "-----END RSA PRIVATE KEY-----\n");
        assertThat(refusal(TlsSettings.trusting(pki.cert("ca")).withClientCertificate(pki.cert("console"), rsa)))
                .contains("is a RSA-specific key (-----BEGIN RSA PRIVATE KEY-----)")
                .contains("openssl pkcs8 -topk8 -nocrypt -in " + rsa);
    }

    @Test
    void keyOfAnotherCertificateIsRefused() {
        assertThat(refusal(TlsSettings.trusting(pki.cert("ca"))
                .withClientCertificate(pki.cert("console"), pki.key("other"))))
                .contains("the TLS client key " + pki.key("other") + " does not belong to the certificate in "
                        + pki.cert("console"));
    }

    @Test
    void usableFilesGetAsFarAsConnecting() {
        assertThat(refusal(TlsSettings.trusting(pki.cert("ca"))
                .withClientCertificate(pki.cert("console"), pki.key("console"))))
                .isEqualTo("tls:127.0.0.1:1 refused the connection");
    }

    @Test
    void aServerThatNeverAnswersTheTlsHelloTimesOutAsNoGreeting() throws Exception {
        // the kernel completes the TCP handshake from the backlog; nothing ever reads the client hello
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             QmpClient client = new QmpClient(QmpClientOptions.defaults("silent")
                     .withTls(TlsSettings.trusting(pki.cert("ca"))).withHandshakeTimeout(Duration.ofMillis(300)))) {
            Endpoint.Tls endpoint = new Endpoint.Tls("127.0.0.1", silent.getLocalPort());
            assertThatThrownBy(() -> client.connect(endpoint))
                    .isInstanceOfSatisfying(QmpConnectException.class,
                            e -> assertThat(e.reason()).isEqualTo(QmpConnectException.Reason.NO_GREETING))
                    .hasMessageContaining("did not complete the TLS handshake within 300 ms");
        }
    }

    @Test
    void aPlainMonitorBehindATlsEndpointIsNamedAsSuch() throws Exception {
        try (ServerSocket plain = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             QmpClient client = new QmpClient(QmpClientOptions.defaults("plain")
                     .withTls(TlsSettings.trusting(pki.cert("ca"))))) {
            Thread greeter = new Thread(() -> {
                try (Socket s = plain.accept(); OutputStream out = s.getOutputStream()) {
                    out.write(("{\"QMP\": {\"version\": {\"qemu\": {\"micro\": 0, \"minor\": 2, \"major\": 7},"
                            + " \"package\": \"\"}, \"capabilities\": []}}\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    s.getInputStream().read(new byte[4096]);
                } catch (java.io.IOException ignored) {
                    // the client hangs up once it sees this is not TLS
                }
            }, "plain-greeter");
            greeter.start();
            Endpoint.Tls endpoint = new Endpoint.Tls("127.0.0.1", plain.getLocalPort());
            assertThatThrownBy(() -> client.connect(endpoint))
                    .isInstanceOf(QmpConnectException.class)
                    .hasMessage(endpoint + " answered, but not with TLS: if it is a plain monitor, connect with tcp:127.0.0.1:"
                            + plain.getLocalPort() + " instead");
            greeter.join(5000);
        }
    }
}
