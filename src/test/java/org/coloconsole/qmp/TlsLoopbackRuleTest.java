package org.coloconsole.qmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Plain TCP to a non-loopback address is refused by the client itself, before any packet leaves. The addresses are
 * from TEST-NET-1 (192.0.2.0/24, RFC 5737) and are never actually contacted: the connect timeout is far longer than
 * the bound each refusal is checked against, so an attempt to connect would fail the test rather than pass it.
 */
class TlsLoopbackRuleTest {
    private static final Duration NEVER_WAITED_FOR = Duration.ofSeconds(60);

    private static QmpClientOptions patient() {
        return QmpClientOptions.defaults("rule").withConnectTimeout(NEVER_WAITED_FOR)
                .withHandshakeTimeout(NEVER_WAITED_FOR);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp:192.0.2.1:4444", "tcp:0.0.0.0:4444", "tcp:[2001:db8::1]:4444"})
    void plainTcpToANonLoopbackAddressIsRefusedBeforeConnecting(String text) {
        Endpoint endpoint = Endpoint.parse(text);
        try (QmpClient client = new QmpClient(patient())) {
            assertTimeoutPreemptively(Duration.ofSeconds(5), () ->
                    assertThatThrownBy(() -> client.connect(endpoint))
                            .isInstanceOf(QmpConnectException.class)
                            .hasMessage(text + " is not a loopback address: QMP over plain TCP gives anyone on the"
                                    + " network full control of the VM. Use tls:" + text.substring(4)
                                    + ", or allow insecure plain TCP.")
                            .hasNoCause());
            assertThat(client.state()).isEqualTo(QmpClientState.IDLE);
            assertThat(client.lastFailure()).get().extracting(Throwable::getMessage).asString()
                    .contains("is not a loopback address");
        }
    }

    @Test
    void aTlsEndpointIsNotHeldToTheRuleButNeedsItsCaBeforeConnecting() {
        try (QmpClient client = new QmpClient(patient())) {
            assertTimeoutPreemptively(Duration.ofSeconds(5), () ->
                    assertThatThrownBy(() -> client.connect(Endpoint.parse("tls:192.0.2.1:4444")))
                            .isInstanceOf(QmpConnectException.class)
                            .hasMessage("tls:192.0.2.1:4444 needs a CA to check QEMU's server certificate with:"
                                    + " give the CA file that signed QEMU's server certificate."));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "localhost", "127.0.0.2"})
    void loopbackNamesAndAddressesAreTried(String host) throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        try (QmpClient client = new QmpClient(QmpClientOptions.defaults("rule"))) {
            // connection refused means the client did try: the rule let it through
            assertThatThrownBy(() -> client.connect(new Endpoint.Tcp(host, closedPort)))
                    .isInstanceOfSatisfying(QmpConnectException.class,
                            e -> assertThat(e.reason()).isEqualTo(QmpConnectException.Reason.REFUSED))
                    .hasMessageNotContaining("loopback");
        }
    }

    @Test
    void allowInsecureLetsAPlainTcpConnectionTryAnyAddress() throws Exception {
        // a loopback listener stands in for the remote host: what is checked is that the rule is not applied
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             QmpClient client = new QmpClient(QmpClientOptions.defaults("rule").withAllowInsecure(true)
                     .withHandshakeTimeout(Duration.ofMillis(300)))) {
            assertThatThrownBy(() -> client.connect(new Endpoint.Tcp("127.0.0.1", server.getLocalPort())))
                    .isInstanceOfSatisfying(QmpConnectException.class,
                            e -> assertThat(e.reason()).isEqualTo(QmpConnectException.Reason.NO_GREETING));
        }
        assertThat(QmpClientOptions.defaults("x").allowInsecure()).isFalse();
        assertThat(QmpClientOptions.defaults("x").withAllowInsecure(true).withCommandTimeout(Duration.ofSeconds(1))
                .allowInsecure()).as("withers keep the flag").isTrue();
    }
}
