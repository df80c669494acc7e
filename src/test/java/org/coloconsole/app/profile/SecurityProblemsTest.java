package org.coloconsole.app.profile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecurityProblemsTest {
    @Test
    void loopbackIsDecidedFromTheTextWithoutALookup() {
        assertThat(SecurityProblems.isLoopback("127.0.0.1")).isTrue();
        assertThat(SecurityProblems.isLoopback("127.8.9.10")).isTrue();
        assertThat(SecurityProblems.isLoopback("::1")).isTrue();
        assertThat(SecurityProblems.isLoopback("LOCALHOST")).isTrue();
        assertThat(SecurityProblems.isLoopback("10.0.0.1")).isFalse();
        assertThat(SecurityProblems.isLoopback("127.0.0.256")).isFalse();
        assertThat(SecurityProblems.isLoopback("fe80::1")).isFalse();
        // a name could resolve anywhere: the form does not guess, the operator writes an address or localhost
        assertThat(SecurityProblems.isLoopback("colo-a.example")).isFalse();
    }

    @Test
    void aPairOfUnixSocketsNeedsNothing() {
        assertThat(SecurityProblems.find("unix:/a.sock", "unix:/b.sock", "", null, " ", false).none()).isTrue();
    }

    @Test
    void allowInsecureLetsPlainTcpReachARemoteHost() {
        assertThat(SecurityProblems.find("tcp:10.0.0.1:4444", "tcp:10.0.0.2:4444", null, null, null, false).primary())
                .startsWith("tcp:10.0.0.1:4444 is not a loopback address");
        assertThat(SecurityProblems.find("tcp:10.0.0.1:4444", "tcp:10.0.0.2:4444", null, null, null, true).none())
                .isTrue();
    }
}
