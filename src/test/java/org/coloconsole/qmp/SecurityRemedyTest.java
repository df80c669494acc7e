package org.coloconsole.qmp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecurityRemedyTest {
    private static String flags(SecurityRemedy remedy) {
        return remedy == SecurityRemedy.ALLOW_INSECURE ? "--allow-insecure" : "";
    }

    @Test
    void theRefusalOfPlainTcpNamesNoFlagAndTheCallerAddsItsOwn() {
        String sentence = Connector.insecure((Endpoint.Tcp) Endpoint.parse("tcp:192.0.2.1:4444"));
        assertThat(sentence).doesNotContain("--").endsWith("Use tls:192.0.2.1:4444, or allow insecure plain TCP.");

        assertThat(SecurityRemedy.hinted(sentence, SecurityRemedyTest::flags))
                .endsWith("Use tls:192.0.2.1:4444, or allow insecure plain TCP (--allow-insecure).");
        assertThat(SecurityRemedy.hinted(sentence, remedy -> "tick the box"))
                .endsWith(", or allow insecure plain TCP (tick the box).");
    }

    @Test
    void aSentenceQuotedInALongerTextIsHintedWhereItStands() {
        String text = "Neither side answers: primary lost 0.0 s ago (tcp:10.0.0.1:1 is not a loopback address: … Use"
                + " tls:10.0.0.1:1, or allow insecure plain TCP.), secondary lost 0.0 s ago (refused tls:10.0.0.2:1:"
                + " the server's certificate is not signed by the CA in /ca.pem: give the CA file that signed QEMU's"
                + " server certificate.).";
        assertThat(SecurityRemedy.hinted(text, remedy -> remedy.name()))
                .contains("or allow insecure plain TCP (ALLOW_INSECURE).), secondary")
                .endsWith("give the CA file that signed QEMU's server certificate (GIVE_CA).).");
    }

    @Test
    void hintingTwiceAddsNothingAndAnEmptyHintLeavesTheTextAlone() {
        String sentence = "tls:10.0.0.1:1 requires a client certificate (QEMU runs with verify-peer=on): "
                + SecurityRemedy.GIVE_CLIENT_CERTIFICATE.phrase() + ".";
        String once = SecurityRemedy.hinted(sentence, remedy -> "--tls-cert FILE --tls-key FILE");
        assertThat(once).endsWith("signed by a CA QEMU trusts (--tls-cert FILE --tls-key FILE).");
        assertThat(SecurityRemedy.hinted(once, remedy -> "--tls-cert FILE --tls-key FILE")).isEqualTo(once);
        assertThat(SecurityRemedy.hinted(sentence, remedy -> "")).isEqualTo(sentence);
        assertThat(SecurityRemedy.hinted("nothing is listening on unix:/x.sock", remedy -> "X"))
                .isEqualTo("nothing is listening on unix:/x.sock");
    }
}
